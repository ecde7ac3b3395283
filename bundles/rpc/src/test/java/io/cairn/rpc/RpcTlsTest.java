package io.cairn.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.config.ConfigLoader;
import io.cairn.tls.AgentCa;
import io.cairn.tls.CaOptions;
import io.cairn.tls.CertificateFiles;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import io.cairn.tls.Credentials;
import io.cairn.tls.Pem;
import io.cairn.tls.SslContexts;
import io.cairn.tls.internal.TlsContextsComponent;

/** Server RPC under {@code tls.internal_rpc} with {@code verify_incoming}: agents of the CA get in, others not. */
class RpcTlsTest {

    @TempDir
    Path dir;

    private static final RpcRequest LEADER = new RpcRequest("GET", "/v1/status/leader", Map.of(), null,
            Duration.ofSeconds(10));

    private CertificateFiles write(Credentials credentials, String prefix) throws Exception {
        CertificateFiles files = CertificateFiles.nextFree(dir, prefix);
        Pem.writeCertificate(files.certificate(), credentials.certificatePem());
        Pem.writePrivateKey(files.key(), credentials.keyPem());
        return files;
    }

    /** An agent's tls.internal_rpc block: its certificate from {@code ca}, the CA as trust, verify_incoming. */
    private TlsContext agentContext(AgentCa ca, CertificateKind kind) throws Exception {
        CertificateFiles cert = write(ca.issue(CertificateSpec.of(kind, "dc1", "consul", Optional.empty(), List.of(),
                List.of(), 1)), kind.name().toLowerCase());
        CertificateFiles caFile = write(ca.credentials(), "ca");
        return SslContexts.server(new TlsSettings(caFile.certificate().toString(), null, cert.certificate().toString(),
                cert.key().toString(), true, true, false, "TLSv1_2", null));
    }

    /** The agent's TLS contexts as the TLS bundle makes them. */
    private static final TlsContexts CONTEXTS = new TlsContextsComponent();

    /** A client agent whose tls block names a client certificate of {@code ca}, verify_server_hostname on. */
    private AgentConfig clientAgent(AgentCa ca) throws Exception {
        CertificateFiles cert = write(ca.issue(CertificateSpec.of(CertificateKind.CLIENT, "dc1", "consul",
                Optional.empty(), List.of(), List.of(), 1)), "client");
        CertificateFiles caFile = write(ca.credentials(), "ca");
        Path file = dir.resolve("tls.json");
        Files.writeString(file, """
                {"tls": {"defaults": {"ca_file": "%s", "cert_file": "%s", "key_file": "%s",
                                      "verify_incoming": true, "verify_outgoing": true},
                         "internal_rpc": {"verify_server_hostname": true}}}
                """.formatted(caFile.certificate(), cert.certificate(), cert.key()));
        return ConfigLoader.fromArgs(List.of("-config-file", file.toString(), "-data-dir",
                Files.createDirectories(dir.resolve("data")).toString())).config();
    }

    @Test
    void withVerifyServerHostnameOnlyAServerCertificateOfTheCaIsTaken() throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), java.time.Clock.systemUTC());
        RpcClient agent = new RpcClient(InternalRpcTls.of(clientAgent(ca), CONTEXTS));
        agent.start();
        try (FakeServer server = new FakeServer(request -> CompletableFuture.completedFuture(
                FakeServer.Answer.json("\"\"", Map.of())), Optional.of(agentContext(ca, CertificateKind.SERVER)));
             FakeServer posing = new FakeServer(request -> CompletableFuture.completedFuture(
                     FakeServer.Answer.json("\"\"", Map.of())), Optional.of(agentContext(ca, CertificateKind.CLIENT)))) {
            assertThat(agent.send(server.address(), LEADER).toCompletableFuture().get(20, TimeUnit.SECONDS).ok())
                    .isTrue();
            assertThatThrownBy(() -> agent.send(posing.address(), LEADER).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(javax.net.ssl.SSLException.class);
            assertThat(posing.received).isEmpty();
        } finally {
            agent.close();
        }
    }

    @Test
    void anAgentOfTheCaIsAnsweredAndOneOfAnotherCaIsRefused() throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), java.time.Clock.systemUTC());
        try (FakeServer server = new FakeServer(request -> CompletableFuture.completedFuture(
                FakeServer.Answer.json("\"127.0.0.80:8300\"", Map.of())), Optional.of(agentContext(ca,
                CertificateKind.SERVER)))) {
            RpcClient agent = new RpcClient(Optional.of(agentContext(ca, CertificateKind.CLIENT)));
            RpcClient stranger = new RpcClient(Optional.of(agentContext(AgentCa.create(CaOptions.defaults(), java.time.Clock.systemUTC()),
                    CertificateKind.CLIENT)));
            RpcClient plain = new RpcClient();
            agent.start();
            stranger.start();
            plain.start();
            try {
                assertThat(agent.send(server.address(), LEADER).toCompletableFuture().get(20, TimeUnit.SECONDS).text())
                        .isEqualTo("\"127.0.0.80:8300\"");
                assertThatThrownBy(() -> stranger.send(server.address(), LEADER).toCompletableFuture()
                        .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(javax.net.ssl.SSLException.class);
                assertThatThrownBy(() -> plain.send(server.address(), LEADER).toCompletableFuture()
                        .get(20, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.ExecutionException.class);
                assertThat(server.received).hasSize(1);
            } finally {
                agent.close();
                stranger.close();
                plain.close();
            }
        }
    }

    /** A server of {@code ca} that asks for no client certificate. */
    private TlsContext openServerContext(AgentCa ca) throws Exception {
        CertificateFiles cert = write(ca.issue(CertificateSpec.of(CertificateKind.SERVER, "dc1", "consul", Optional.empty(),
                List.of(), List.of(), 1)), "open-server");
        return SslContexts.server(new TlsSettings(null, null, cert.certificate().toString(), cert.key().toString(),
                false, false, false, "TLSv1_2", null));
    }

    @Test
    void verifyOutgoingOnItsOwnDialsTlsAndChecksTheServersCa() throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), java.time.Clock.systemUTC());
        CertificateFiles caFile = write(ca.credentials(), "ca");
        Path file = dir.resolve("verify-outgoing.json");
        Files.writeString(file, """
                {"tls": {"defaults": {"ca_file": "%s", "verify_outgoing": true}}}
                """.formatted(caFile.certificate()));
        AgentConfig config = ConfigLoader.fromArgs(List.of("-config-file", file.toString(), "-data-dir",
                Files.createDirectories(dir.resolve("data-vo")).toString())).config();
        Optional<TlsContext> tls = InternalRpcTls.of(config, CONTEXTS);
        assertThat(tls).as("verify_outgoing without a certificate still dials TLS").isPresent();

        RpcClient agent = new RpcClient(tls);
        agent.start();
        try (FakeServer server = new FakeServer(request -> CompletableFuture.completedFuture(
                FakeServer.Answer.json("\"\"", Map.of())), Optional.of(openServerContext(ca)));
             FakeServer stranger = new FakeServer(request -> CompletableFuture.completedFuture(
                     FakeServer.Answer.json("\"\"", Map.of())), Optional.of(openServerContext(
                             AgentCa.create(CaOptions.defaults(), java.time.Clock.systemUTC()))))) {
            assertThat(agent.send(server.address(), LEADER).toCompletableFuture().get(20, TimeUnit.SECONDS).ok()).isTrue();
            assertThatThrownBy(() -> agent.send(stranger.address(), LEADER).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(javax.net.ssl.SSLException.class);
            assertThat(stranger.received).isEmpty();
        } finally {
            agent.close();
        }

        AgentConfig plain = ConfigLoader.fromArgs(List.of("-data-dir",
                Files.createDirectories(dir.resolve("data-plain")).toString())).config();
        assertThat(InternalRpcTls.of(plain, CONTEXTS)).as("no TLS settings: plain").isEmpty();
    }
}
