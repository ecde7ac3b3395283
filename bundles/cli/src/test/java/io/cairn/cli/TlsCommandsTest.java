package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.tls.AgentCa;
import io.cairn.tls.Pem;
import picocli.CommandLine;

class TlsCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    /** Runs one command in {@link #dir} as {@code cairn} would; returns its exit code. */
    private int run(Object command, String... args) {
        if (command instanceof TlsCaCreateCommand ca) {
            ca.dir = dir;
            ca.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        } else if (command instanceof TlsCertCreateCommand cert) {
            cert.dir = dir;
            cert.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        }
        CommandLine line = new CommandLine(command).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler(Cairn.commandLine().getExecutionExceptionHandler());
        return line.execute(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void caCreateSavesConsulsTwoFilesAndRefusesToOverwrite() throws Exception {
        assertThat(run(new TlsCaCreateCommand())).isZero();

        assertThat(output()).isEqualTo("==> Saved " + dir.resolve("consul-agent-ca.pem") + "\n"
                + "==> Saved " + dir.resolve("consul-agent-ca-key.pem") + "\n");
        assertThat(run(new TlsCaCreateCommand())).isEqualTo(1);
        assertThat(err.toString()).contains("consul-agent-ca.pem already exists.");
    }

    @Test
    void certCreateWarnsForServersAndNumbersFiles() throws Exception {
        run(new TlsCaCreateCommand(), "-domain", "cairn");
        out.reset();

        assertThat(run(new TlsCertCreateCommand(), "-server", "-domain=cairn", "-dc", "east", "-node=n1")).isZero();
        assertThat(output()).isEqualTo(TlsCertCreateCommand.SERVER_WARNING + "\n"
                + "==> Using " + dir.resolve("cairn-agent-ca.pem") + " and " + dir.resolve("cairn-agent-ca-key.pem") + "\n"
                + "==> Saved " + dir.resolve("east-server-cairn-0.pem") + "\n"
                + "==> Saved " + dir.resolve("east-server-cairn-0-key.pem") + "\n");
        assertThat(output()).startsWith("==> WARNING: Server Certificates grants authority to become a\n"
                + "    server and access all state");

        out.reset();
        assertThat(run(new TlsCertCreateCommand(), "-server", "-domain=cairn", "-dc", "east")).isZero();
        assertThat(output()).contains("==> Saved " + dir.resolve("east-server-cairn-1.pem"));

        X509Certificate first = Pem.readCertificates(dir.resolve("east-server-cairn-0.pem")).get(0);
        assertThat(List.copyOf(first.getSubjectAlternativeNames())).extracting(san -> (Object) san.get(1))
                .contains("n1.server.east.cairn", "server.east.cairn", "localhost", "127.0.0.1");
        first.verify(AgentCa.load(dir.resolve("cairn-agent-ca.pem"), dir.resolve("cairn-agent-ca-key.pem"),
                Clock.systemUTC()).certificate().getPublicKey());
    }

    @Test
    void aCliCertificateHasNoWarning() throws Exception {
        run(new TlsCaCreateCommand());
        out.reset();

        assertThat(run(new TlsCertCreateCommand(), "-cli", "-additional-dnsname", "ops.example.com")).isZero();

        assertThat(output()).startsWith("==> Using ").doesNotContain("WARNING");
        X509Certificate cli = Pem.readCertificates(dir.resolve("dc1-cli-consul-0.pem")).get(0);
        assertThat(List.copyOf(cli.getSubjectAlternativeNames())).extracting(san -> (Object) san.get(1))
                .containsExactly("cli.client.dc1.consul", "localhost", "ops.example.com");
    }

    @Test
    void userErrorsAreSaidPlainly() throws Exception {
        assertThat(run(new TlsCertCreateCommand())).isEqualTo(1);
        assertThat(err.toString()).contains("Please provide either -server, -client, or -cli");

        assertThat(run(new TlsCertCreateCommand(), "-client", "-node", "n1")).isEqualTo(1);
        assertThat(err.toString()).contains("-node requires -server");

        assertThat(run(new TlsCertCreateCommand(), "-client")).isEqualTo(1);
        assertThat(err.toString()).contains("Error reading CA: Error reading " + dir.resolve("consul-agent-ca.pem"));

        run(new TlsCaCreateCommand());
        assertThat(run(new TlsCertCreateCommand(), "-server", "-additional-ipaddress", "not-an-ip")).isEqualTo(1);
        assertThat(err.toString()).contains("not an IP address: not-an-ip");
        assertThat(Files.exists(dir.resolve("dc1-server-consul-0.pem"))).isFalse();
    }
}
