package io.cairn.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.cairn.api.tls.TlsException;
import io.cairn.tls.AgentCa;
import io.cairn.tls.CertificateFiles;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn tls cert create -server|-client|-cli}: a certificate signed by the CA, saved
 * as {@code <dc>-<kind>-<domain>-<n>.pem} and {@code -key.pem} with the first free n.
 */
@Command(name = "create", description = "Create a new certificate")
final class TlsCertCreateCommand implements Callable<Integer> {

    private static final String DOMAIN_PLACEHOLDER = "#DOMAIN#";
    static final String SERVER_WARNING = """
            ==> WARNING: Server Certificates grants authority to become a
                server and access all state in the cluster including root keys
                and all ACL tokens. Do not distribute them to production hosts
                that are not server nodes. Store them as securely as CA keys.""";

    @Option(names = "-ca", description = "Path to the CA. Default: <domain>-agent-ca.pem")
    String ca = DOMAIN_PLACEHOLDER + "-agent-ca.pem";

    @Option(names = "-key", description = "Path to the CA key. Default: <domain>-agent-ca-key.pem")
    String key = DOMAIN_PLACEHOLDER + "-agent-ca-key.pem";

    @Option(names = "-server", description = "Generate a server certificate")
    boolean server;

    @Option(names = "-client", description = "Generate a client certificate")
    boolean client;

    @Option(names = "-cli", description = "Generate a CLI certificate")
    boolean cli;

    @Option(names = "-node", description = "With -server: also name <node>.server.<datacenter>.<domain>")
    String node;

    @Option(names = "-days", description = "Number of days the certificate is valid for. Default: 365")
    int days = 365;

    @Option(names = "-dc", description = "The datacenter. Default: dc1")
    String dc = "dc1";

    @Option(names = "-domain", description = "The DNS domain. Default: consul")
    String domain = "consul";

    @Option(names = "-additional-dnsname", description = "Another DNS name for the SANs (repeatable); localhost is always included")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "-additional-ipaddress", description = "Another IP address for the SANs (repeatable); 127.0.0.1 is always included")
    List<String> ipAddresses = new ArrayList<>();

    Path dir = Path.of("");
    PrintStream out = System.out;

    @Override
    public Integer call() throws CliException {
        CertificateKind kind = kind();
        CertificateSpec spec;
        try {
            List<InetAddress> ips = ipAddresses.stream().map(String::trim).filter(s -> !s.isEmpty())
                    .map(CertificateSpec::ipAddress).toList();
            List<String> dns = dnsNames.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
            spec = CertificateSpec.of(kind, dc, domain, Optional.ofNullable(node).filter(s -> !s.isEmpty()),
                    dns, ips, days);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        CertificateFiles files = CertificateFiles.nextFree(dir, kind.filePrefix(dc, domain));
        Path caFile = dir.resolve(ca.replace(DOMAIN_PLACEHOLDER, domain));
        Path keyFile = dir.resolve(key.replace(DOMAIN_PLACEHOLDER, domain));
        AgentCa authority;
        try {
            authority = AgentCa.load(caFile, keyFile, Clock.systemUTC());
        } catch (TlsException e) {
            throw new CliException("Error reading CA: " + e.getMessage());
        }
        if (kind == CertificateKind.SERVER) {
            out.println(SERVER_WARNING);
        }
        out.println("==> Using " + caFile + " and " + keyFile);
        TlsFileWriter.write(files, authority.issue(spec), out);
        return 0;
    }

    private CertificateKind kind() throws CliException {
        if ((server ? 1 : 0) + (client ? 1 : 0) + (cli ? 1 : 0) != 1) {
            throw new CliException("Please provide either -server, -client, or -cli");
        }
        if (node != null && !server) {
            throw new CliException("-node requires -server");
        }
        return server ? CertificateKind.SERVER : client ? CertificateKind.CLIENT : CertificateKind.CLI;
    }
}
