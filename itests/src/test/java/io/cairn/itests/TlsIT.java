package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cairn.tls.AgentCa;
import io.cairn.tls.CertificateFiles;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import io.cairn.tls.Pem;
import io.cairn.tls.SslContexts;

/**
 * The classic deployment on one agent: a CA, a server and a CLI certificate made with
 * {@code cairn tls}, an agent serving HTTPS with {@code verify_incoming}, and the command
 * line talking to it through Consul's variables. Every stranger is refused.
 */
class TlsIT {

    private static final String HOST = "127.0.0.60";
    private static final String HTTPS_ADDR = "https://" + HOST + ":8501";

    private static Path dir;
    private static AgentProcess agent;

    record Run(int exitCode, String output) {
    }

    /** {@code bin/cairn ...} in {@code cwd}, with only the given CONSUL_* variables set. */
    private static Run cairn(Path cwd, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AgentProcess.HOME.resolve("bin/cairn").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CONSUL_") || k.startsWith("CAIRN_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private static Map<String, String> cliEnv(Path cert, Path key) {
        Map<String, String> env = new HashMap<>(Map.of("CONSUL_HTTP_ADDR", HTTPS_ADDR,
                "CONSUL_CACERT", dir.resolve("consul-agent-ca.pem").toString()));
        if (cert != null) {
            env.put("CONSUL_CLIENT_CERT", cert.toString());
            env.put("CONSUL_CLIENT_KEY", key.toString());
        }
        return env;
    }

    @BeforeAll
    static void caCertificatesAndAnAgent() throws Exception {
        dir = Files.createTempDirectory("cairn-it-tls");

        Run ca = cairn(dir, Map.of(), "tls", "ca", "create");
        assertThat(ca.output()).isEqualTo("==> Saved consul-agent-ca.pem\n==> Saved consul-agent-ca-key.pem\n");
        Run server = cairn(dir, Map.of(), "tls", "cert", "create", "-server", "-additional-ipaddress", HOST);
        assertThat(server.output()).startsWith("==> WARNING: Server Certificates grants authority to become a\n")
                .endsWith("==> Using consul-agent-ca.pem and consul-agent-ca-key.pem\n"
                        + "==> Saved dc1-server-consul-0.pem\n==> Saved dc1-server-consul-0-key.pem\n");
        Run cli = cairn(dir, Map.of(), "tls", "cert", "create", "-cli");
        assertThat(cli.output()).isEqualTo("==> Using consul-agent-ca.pem and consul-agent-ca-key.pem\n"
                + "==> Saved dc1-cli-consul-0.pem\n==> Saved dc1-cli-consul-0-key.pem\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dc1-cli-consul-0-key.pem"))))
                .isEqualTo("rw-------");

        Path config = Files.writeString(dir.resolve("tls.json"), """
                {"tls": {"defaults": {"ca_file": "%s", "cert_file": "%s", "key_file": "%s", "verify_incoming": true}}}
                """.formatted(dir.resolve("consul-agent-ca.pem"), dir.resolve("dc1-server-consul-0.pem"),
                dir.resolve("dc1-server-consul-0-key.pem")));
        agent = AgentProcess.start(HOST + ":8500", "-dev", "-bind", HOST, "-client", HOST, "-https-port", "8501",
                "-data-dir", dir.resolve("data").toString(), "-config-file", config.toString()).awaitRunning();
        // the launcher reports running once the bundles are up; the listeners bind a moment later
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> agent.get("/v1/agent/self").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void theCliWithItsCertificateIsServed() throws Exception {
        Run reload = cairn(dir, cliEnv(dir.resolve("dc1-cli-consul-0.pem"), dir.resolve("dc1-cli-consul-0-key.pem")), "reload");

        assertThat(reload.output()).isEqualTo("Configuration reload triggered\n");
        assertThat(reload.exitCode()).isZero();
    }

    @Test
    void theSameRoutesAnswerOverHttps() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(SslContexts.client(
                Optional.of(dir.resolve("consul-agent-ca.pem")), Optional.empty(),
                Optional.of(new CertificateFiles(dir.resolve("dc1-cli-consul-0.pem"), dir.resolve("dc1-cli-consul-0-key.pem"))),
                true, Optional.of("server.dc1.consul"))).build();

        HttpResponse<String> self = client.send(HttpRequest.newBuilder(URI.create(HTTPS_ADDR + "/v1/agent/self")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(self.statusCode()).isEqualTo(200);
        assertThat(self.body()).contains("\"Datacenter\":\"dc1\"");
    }

    @Test
    void withoutAClientCertificateTheAgentRefuses() throws Exception {
        Run run = cairn(dir, cliEnv(null, null), "reload");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("Error talking to Cairn agent at " + HOST + ":8501: remote error: tls:");
        assertThat(run.output()).doesNotContain("reload triggered");
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        cairn(other, Map.of(), "tls", "ca", "create");
        cairn(other, Map.of(), "tls", "cert", "create", "-cli");

        Run run = cairn(dir, cliEnv(other.resolve("dc1-cli-consul-0.pem"), other.resolve("dc1-cli-consul-0-key.pem")), "reload");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("remote error: tls:");
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        AgentCa ca = AgentCa.load(dir.resolve("consul-agent-ca.pem"), dir.resolve("consul-agent-ca-key.pem"),
                Clock.offset(Clock.systemUTC(), Duration.ofDays(-30)));
        var expired = ca.issue(CertificateSpec.of(CertificateKind.CLI, "dc1", "consul", Optional.empty(), List.of(), List.of(), 2));
        Path cert = dir.resolve("expired.pem");
        Path key = dir.resolve("expired-key.pem");
        Pem.writeCertificate(cert, expired.certificatePem());
        Pem.writePrivateKey(key, expired.keyPem());

        Run run = cairn(dir, cliEnv(cert, key), "reload");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("remote error: tls:");
    }

    @Test
    void theAgentIsNotTrustedWithoutItsCa() throws Exception {
        Map<String, String> env = cliEnv(dir.resolve("dc1-cli-consul-0.pem"), dir.resolve("dc1-cli-consul-0-key.pem"));
        env.remove("CONSUL_CACERT");

        Run run = cairn(dir, env, "reload");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("x509: certificate signed by unknown authority");
    }

    @Test
    void plainHttpToTheHttpsPortFails() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":8501/v1/agent/self"))
                .timeout(Duration.ofSeconds(10)).build();

        assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(agent.process().isAlive()).isTrue();
        assertThat(agent.get("/v1/agent/self").statusCode()).as("plain HTTP on its own port still served:\n" + agent.output())
                .isEqualTo(200);
    }
}
