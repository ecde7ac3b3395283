package io.cairn.checks;

import static io.cairn.plugins.testkit.CheckDefinitions.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.config.TlsSettings;
import io.cairn.plugins.testkit.CheckTypeConformance;
import io.cairn.plugins.testkit.FakeCheckContext;
import io.cairn.tls.SslContexts;

/** The H2PING check against Jetty's HTTP/2 on 127.0.0.232: TLS (the default) and h2c, and a listener that never speaks. */
class H2PingCheckTypeTest extends CheckTypeConformance {

    private static final CheckResult SUCCESS = CheckResult.passing("HTTP2 ping was successful");

    @TempDir
    static Path dir;

    private static Http2TestServer server;
    private static Http2Clients clients;
    private static H2PingCheckType type;

    @BeforeAll
    static void start() throws Exception {
        server = new Http2TestServer(dir);
        TlsSettings agentTls = server.agentTls;
        clients = new Http2Clients((verify, name) -> SslContexts.outgoing(agentTls, verify, name));
        type = new H2PingCheckType(clients);
    }

    @AfterAll
    static void stop() throws Exception {
        clients.close();
        server.close();
    }

    @Override
    protected CheckType type() {
        return type;
    }

    @Override
    protected CheckDefinition passing() {
        return check("web").h2ping(server.tls()).build();
    }

    @Override
    protected CheckDefinition failing() throws Exception {
        return check("web").h2ping(Http2TestServer.closed()).build();
    }

    @Override
    protected Optional<CheckDefinition> hanging() {
        return Optional.of(check("web").h2ping(server.silent()).h2pingUseTls(false).timeout(Duration.ofSeconds(1)).build());
    }

    @Override
    protected Optional<CheckDefinition> malformed() {
        return Optional.of(check("web").h2ping(Http2TestServer.HOST).build());
    }

    @Test
    void tlsIsTheDefaultAndThePingIsAnswered() throws Exception {
        assertThat(runToEnd(check("web").h2ping(server.tls()).build())).isEqualTo(SUCCESS);
        assertThat(runToEnd(check("web").h2ping(server.tls()).tlsServerName("grpc.internal").build())).isEqualTo(SUCCESS);
    }

    @Test
    void h2cWithPriorKnowledgeWhenTlsIsOff() throws Exception {
        assertThat(runToEnd(check("web").h2ping(server.h2c()).h2pingUseTls(false).build())).isEqualTo(SUCCESS);
    }

    @Test
    void tlsToAPlaintextPortIsCritical() throws Exception {
        CheckResult result = runToEnd(check("web").h2ping(server.h2c()).timeout(Duration.ofSeconds(2)).build());
        assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(result.output()).startsWith("Failed to dial to " + server.h2c() + ": ");
    }

    @Test
    void h2cToATlsPortIsCritical() throws Exception {
        CheckResult result = runToEnd(check("web").h2ping(server.tls()).h2pingUseTls(false).timeout(Duration.ofSeconds(2)).build());
        assertThat(result).isEqualTo(CheckResult.critical("HTTP2 ping failed: EOF"));
    }

    @Test
    void aRefusedConnectionSaysSoAsConsulDoes() throws Exception {
        String closed = Http2TestServer.closed();
        assertThat(runToEnd(check("web").h2ping(closed).build())).isEqualTo(CheckResult.critical(
                "Failed to dial to " + closed + ": dial tcp " + closed + ": connect: connection refused"));
    }

    @Test
    void aServerThatNeverAnswersFailsAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        CheckResult plain = runToEnd(check("web").h2ping(server.silent()).h2pingUseTls(false)
                .timeout(Duration.ofMillis(700)).build());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(plain).isEqualTo(CheckResult.critical("HTTP2 ping failed: context deadline exceeded"));
        assertThat(tookMs).isBetween(600L, 2_500L);
        // over TLS the handshake itself never completes
        CheckResult tls = runToEnd(check("web").h2ping(server.silent()).timeout(Duration.ofMillis(700)).build());
        assertThat(tls).isEqualTo(CheckResult.critical(
                "Failed to dial to " + server.silent() + ": dial tcp " + server.silent() + ": i/o timeout"));
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedUnlessVerificationIsSkipped() throws Exception {
        try (Http2Clients jdkTrust = new Http2Clients((verify, name) -> SslContexts.outgoing(TlsSettings.none(), verify, name))) {
            H2PingCheckType strict = new H2PingCheckType(jdkTrust);
            CheckDefinition verified = check("web").h2ping(server.tls()).build();
            CheckResult refused = strict.run(verified, FakeCheckContext.of(verified)).toCompletableFuture().get();
            assertThat(refused.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(refused.output()).startsWith("Failed to dial to " + server.tls() + ": ");

            CheckDefinition skipped = check("web").h2ping(server.tls()).tlsSkipVerify(true).build();
            assertThat(strict.run(skipped, FakeCheckContext.of(skipped)).toCompletableFuture().get()).isEqualTo(SUCCESS);
        }
    }

    @Test
    void aWrongServerNameIsRefused() throws Exception {
        CheckResult result = runToEnd(check("web").h2ping(server.tls()).tlsServerName("db.internal").build());
        assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(result.output()).startsWith("Failed to dial to ").contains("db.internal");
    }
}
