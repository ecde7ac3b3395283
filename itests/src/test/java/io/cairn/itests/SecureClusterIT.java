package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cairn.tls.CertificateFiles;
import io.cairn.tls.SslContexts;

/**
 * The classic secured deployment on loopback: a CA and certificates made with
 * {@code cairn tls}, three servers on 127.0.0.61-63 with {@code verify_incoming},
 * {@code verify_outgoing} and {@code verify_server_hostname} forming their Raft group over
 * mutual TLS from {@code bootstrap_expect} with {@code auto_encrypt.allow_tls}, a client agent
 * on 127.0.0.64 with {@code auto_encrypt.tls} and the CA file alone, which gets its certificate
 * from the servers and talks to them over mutual TLS, {@code cairn members} over HTTPS with
 * Consul's variables. A server holding a
 * client certificate (127.0.0.65) never becomes a Raft peer; Raft and server RPC without a
 * certificate are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureClusterIT {

    private static final String[] SERVERS = {"127.0.0.61", "127.0.0.62", "127.0.0.63"};
    private static final String CLIENT = "127.0.0.64";
    private static final String IMPOSTER = "127.0.0.65";
    private static final String SERVER_NAME = "server.dc1.consul";
    private static final Duration FORM = Duration.ofSeconds(180);
    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private Path dir;
    private Path clientDataDir;
    private final List<AgentProcess> agents = new ArrayList<>();
    private AgentProcess imposter;

    private AgentProcess.CommandResult cairn(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AgentProcess.HOME.resolve("bin/cairn").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("CONSUL_") || k.startsWith("CAIRN_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new AgentProcess.CommandResult(p.waitFor(), out);
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    /** The agents' TLS: the CA, this certificate, every verification on. */
    private Path tlsConfig(String name, String certificate, String extra) throws IOException {
        return Files.writeString(file(name + ".hcl"), """
                tls {
                  defaults {
                    ca_file = "%s"
                    cert_file = "%s"
                    key_file = "%s"
                    verify_incoming = true
                    verify_outgoing = true
                  }
                  internal_rpc { verify_server_hostname = true }
                }
                %s
                """.formatted(file("consul-agent-ca.pem"), file(certificate + ".pem"), file(certificate + "-key.pem"), extra));
    }

    /** A client agent with auto_encrypt: the CA file alone, no certificate or key of its own. */
    private Path autoEncryptClientConfig() throws IOException {
        return Files.writeString(file("client.hcl"), """
                tls {
                  defaults {
                    ca_file = "%s"
                    verify_outgoing = true
                  }
                  internal_rpc { verify_server_hostname = true }
                }
                auto_encrypt { tls = true }
                """.formatted(file("consul-agent-ca.pem")));
    }

    private AgentProcess server(String ip, String node, String certificate) throws IOException {
        List<String> args = new ArrayList<>(List.of("-server", "-bootstrap-expect=3", "-node=" + node, "-bind=" + ip,
                "-client=" + ip, "-https-port=8501", "-retry-interval=2s",
                "-data-dir=" + AgentProcess.tempDataDir(node),
                "-config-file=" + tlsConfig(node, certificate, "auto_encrypt { allow_tls = true }")));
        for (String server : SERVERS) {
            args.add("-retry-join=" + server);
        }
        return AgentProcess.start(ip + ":8500", args.toArray(String[]::new));
    }

    @BeforeAll
    void certificatesAndCluster() throws Exception {
        dir = Files.createTempDirectory("cairn-it-secure");
        assertThat(cairn(Map.of(), "tls", "ca", "create").exitCode()).isZero();
        for (int i = 0; i < SERVERS.length; i++) {
            assertThat(cairn(Map.of(), "tls", "cert", "create", "-server").exitCode()).isZero();
        }
        assertThat(cairn(Map.of(), "tls", "cert", "create", "-client").exitCode()).isZero();
        assertThat(cairn(Map.of(), "tls", "cert", "create", "-cli").exitCode()).isZero();

        for (int i = 0; i < SERVERS.length; i++) {
            agents.add(server(SERVERS[i], "secure" + (i + 1), "dc1-server-consul-" + i));
        }
        clientDataDir = AgentProcess.tempDataDir("secure-client");
        agents.add(AgentProcess.start(CLIENT + ":8500", "-node=secure-client", "-bind=" + CLIENT, "-client=" + CLIENT,
                "-retry-interval=2s", "-retry-join=" + SERVERS[0], "-data-dir=" + clientDataDir,
                "-config-file=" + autoEncryptClientConfig()));
        for (AgentProcess agent : agents) {
            agent.awaitRunning();
        }
        assertThat(agents.get(0).output())
                .contains("Encrypt: Gossip: false, TLS-Outgoing: true, TLS-Incoming: true, Auto-Encrypt-TLS: true");
        assertThat(agents.get(3).output())
                .contains("Encrypt: Gossip: false, TLS-Outgoing: true, TLS-Incoming: false, Auto-Encrypt-TLS: true");
        await().atMost(FORM).ignoreExceptions().until(() -> agents.get(0).get("/v1/status/peers").body(),
                peers -> List.of(SERVERS).stream().allMatch(ip -> peers.contains(ip + ":8300")));
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (AgentProcess agent : agents) {
            agent.close();
        }
        if (imposter != null) {
            imposter.close();
        }
    }

    @Test
    void theAutoEncryptClientReadsAndWritesThroughTheServersOverMutualTls() throws Exception {
        AgentProcess client = agents.get(3);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> client.put("/v1/kv/secure/key", "over-mtls").body().equals("true"));

        // every server applies the write; a ?stale read on a follower may come just before it does
        for (String server : SERVERS) {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                    assertThat(get(server, "/v1/kv/secure/key?raw&stale").body()).isEqualTo("over-mtls"));
        }
        assertThat(client.get("/v1/kv/secure/key?raw").body()).isEqualTo("over-mtls");
        assertThat(client.put("/v1/catalog/register", """
                {"Node": "external-db", "Address": "10.1.2.3", "Service": {"Service": "db", "Port": 5432}}
                """).body()).isEqualTo("true");
        assertThat(client.get("/v1/catalog/service/db").body()).contains("external-db").contains("5432");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(get(SERVERS[1], "/v1/catalog/service/db?stale").body()).contains("external-db"));
        assertThat(client.get("/v1/catalog/nodes").body()).contains("secure1").contains("secure-client");
        assertThat(client.output()).contains("auto_encrypt: certificate obtained");

        // the certificate and its key live in the client's memory only
        try (var files = Files.walk(clientDataDir)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.size(f) < 1_000_000 && Files.readString(f, StandardCharsets.ISO_8859_1).contains("BEGIN");
                } catch (IOException e) {
                    return false;
                }
            }).toList()).isEmpty();
        }
    }

    private static HttpResponse<String> get(String ip, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8500" + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void cairnMembersOverHttpsShowsEveryAgentAlive() throws Exception {
        Map<String, String> env = Map.of("CONSUL_HTTP_ADDR", "https://" + SERVERS[0] + ":8501",
                "CONSUL_CACERT", file("consul-agent-ca.pem").toString(),
                "CONSUL_CLIENT_CERT", file("dc1-cli-consul-0.pem").toString(),
                "CONSUL_CLIENT_KEY", file("dc1-cli-consul-0-key.pem").toString(),
                "CONSUL_TLS_SERVER_NAME", SERVER_NAME);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            AgentProcess.CommandResult members = cairn(env, "members");
            assertThat(members.exitCode()).as(members.output()).isZero();
            List<String> alive = members.output().lines().filter(line -> line.contains(" alive ")).toList();
            assertThat(alive).as(members.output()).hasSize(4)
                    .anyMatch(line -> line.startsWith("secure-client ") && line.contains(" client "));
        });
    }

    @Test
    void aServerWithAClientCertificateNeverBecomesARaftPeer() throws Exception {
        imposter = server(IMPOSTER, "secure-imposter", "dc1-client-consul-0").awaitRunning();
        // it is in the pool, so autopilot on the leader tries to add it: every try fails on TLS
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get(SERVERS[0], "/v1/agent/members").body().contains("secure-imposter"));

        await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                !get(SERVERS[0], "/v1/status/peers").body().contains(IMPOSTER)
                        && get(IMPOSTER, "/v1/kv/secure/key?stale").statusCode() != 200);
    }

    private SSLContext dialling(Optional<String> certificate) throws Exception {
        return SslContexts.client(Optional.of(file("consul-agent-ca.pem")), Optional.empty(),
                certificate.map(name -> new CertificateFiles(file(name + ".pem"), file(name + "-key.pem"))),
                true, Optional.of(SERVER_NAME));
    }

    /** A TLS connection to Raft speaking HTTP/2 as gRPC does: the server's first frame, or the refusal. */
    private int firstByteFromRaft(SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(SERVERS[0], 8303), 5000);
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write(HTTP2_PREFACE);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return in.read();
        }
    }

    @Test
    void raftWithoutACertificateIsRefused() throws Exception {
        assertThat(firstByteFromRaft(dialling(Optional.of("dc1-server-consul-1")))).isNotNegative();

        assertThatThrownBy(() -> firstByteFromRaft(dialling(Optional.empty()))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> firstByteFromRaft(dialling(Optional.of("dc1-client-consul-0"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void serverRpcWithoutACertificateServesTheSignRequestAndNothingElse() throws Exception {
        URI leader = URI.create("https://" + SERVERS[0] + ":8300/v1/status/leader");
        URI kv = URI.create("https://" + SERVERS[0] + ":8300/v1/kv/secure/key");
        URI sign = URI.create("https://" + SERVERS[0] + ":8300/v1/internal/auto-encrypt/sign");
        HttpClient withCertificate = HttpClient.newBuilder().sslContext(dialling(Optional.of("dc1-client-consul-0"))).build();
        assertThat(withCertificate.send(HttpRequest.newBuilder(leader).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);

        HttpClient without = HttpClient.newBuilder().sslContext(dialling(Optional.empty())).build();
        for (URI refused : List.of(leader, kv)) {
            HttpResponse<String> answer = without.send(HttpRequest.newBuilder(refused).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(refused.toString()).isEqualTo(403);
            assertThat(answer.body()).contains("client certificate required");
        }
        HttpResponse<String> put = without.send(HttpRequest.newBuilder(kv).PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(403);
        // the sign request is served (and this one, without a CSR, refused for what it is)
        HttpResponse<String> signed = without.send(HttpRequest.newBuilder(sign)
                .POST(HttpRequest.BodyPublishers.ofString("{\"Node\": \"n\", \"CSR\": \"\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).isEqualTo(400);
        assertThat(signed.body()).contains("no CSR");
        // never on the HTTP API
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + SERVERS[0]
                + ":8500/v1/internal/auto-encrypt/sign")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(get(SERVERS[0], "/v1/kv/secure/key?raw").body()).isNotEqualTo("x");

        // a certificate of another CA is never taken: the JDK offers none the server's CAs did not issue (so the
        // request is refused as one without a certificate), and one forced on it would fail the handshake
        Path otherDir = Files.createTempDirectory("cairn-it-other-ca");
        assertThat(cairnIn(otherDir, "tls", "ca", "create").exitCode()).isZero();
        assertThat(cairnIn(otherDir, "tls", "cert", "create", "-client").exitCode()).isZero();
        SSLContext stranger = SslContexts.client(Optional.of(file("consul-agent-ca.pem")), Optional.empty(),
                Optional.of(new CertificateFiles(otherDir.resolve("dc1-client-consul-0.pem"),
                        otherDir.resolve("dc1-client-consul-0-key.pem"))), true, Optional.of(SERVER_NAME));
        int status;
        try {
            status = HttpClient.newBuilder().sslContext(stranger).build()
                    .send(HttpRequest.newBuilder(leader).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException refusedInTheHandshake) {
            status = -1;
        }
        assertThat(status).isIn(-1, 403);
    }

    private static AgentProcess.CommandResult cairnIn(Path directory, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AgentProcess.HOME.resolve("bin/cairn").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new AgentProcess.CommandResult(p.waitFor(), out);
    }
}
