package io.cairn.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.cairn.tls.AgentCa;
import io.cairn.tls.CaOptions;
import io.cairn.tls.CertificateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn tls ca create}: {@code <domain>-agent-ca.pem} and its key, in the current directory. */
@Command(name = "create", description = "Create a new CA")
final class TlsCaCreateCommand implements Callable<Integer> {

    @Option(names = "-days", description = "Number of days the CA is valid for. Default: 1825 (about 5 years)")
    int days = 1825;

    @Option(names = "-domain", description = "The DNS domain of the agents. Default: consul. Only used with -name-constraint")
    String domain = "consul";

    @Option(names = "-name-constraint", description = "Only sign certificates for localhost, -domain and -additional-name-constraint")
    boolean nameConstraint;

    @Option(names = "-additional-name-constraint", description = "Another DNS domain the CA may sign for (repeatable)")
    List<String> additionalConstraints = new ArrayList<>();

    @Option(names = "-common-name", description = "Common Name of the CA. Default: Cairn Agent CA <serial>")
    String commonName;

    Path dir = Path.of("");
    PrintStream out = System.out;

    @Override
    public Integer call() throws CliException {
        CertificateFiles files = CertificateFiles.ca(dir, domain);
        for (Path file : List.of(files.certificate(), files.key())) {
            if (Files.exists(file)) {
                throw new CliException(file + " already exists.");
            }
        }
        AgentCa ca;
        try {
            ca = AgentCa.create(new CaOptions(days, domain, nameConstraint, additionalConstraints,
                    Optional.ofNullable(commonName).filter(s -> !s.isEmpty())), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        TlsFileWriter.write(files, ca.credentials(), out);
        return 0;
    }
}
