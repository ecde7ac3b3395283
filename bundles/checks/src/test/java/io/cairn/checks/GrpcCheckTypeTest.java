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

/** The gRPC health check against a fake grpc.health.v1.Health on Jetty's HTTP/2 (h2c and TLS) on 127.0.0.232. */
class GrpcCheckTypeTest extends CheckTypeConformance {

    @TempDir
    static Path dir;

    private static Http2TestServer server;
    private static Http2Clients clients;
    private static GrpcCheckType type;

    @BeforeAll
    static void start() throws Exception {
        server = new Http2TestServer(dir);
        TlsSettings agentTls = server.agentTls;
        clients = new Http2Clients((verify, name) -> SslContexts.outgoing(agentTls, verify, name));
        type = new GrpcCheckType(clients);
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
        return check("api").grpc(server.h2c() + "/ok").build();
    }

    @Override
    protected CheckDefinition failing() {
        return check("api").grpc(server.h2c() + "/down").build();
    }

    @Override
    protected Optional<CheckDefinition> hanging() {
        return Optional.of(check("api").grpc(server.h2c() + "/hang").timeout(Duration.ofSeconds(1)).build());
    }

    @Override
    protected Optional<CheckDefinition> malformed() {
        return Optional.of(check("api").grpc(Http2TestServer.HOST + "/ok").build());
    }

    @Test
    void servingIsPassingWithConsulsOutput() throws Exception {
        String target = server.h2c() + "/ok";
        assertThat(runToEnd(check("api").grpc(target).build()))
                .isEqualTo(CheckResult.passing("gRPC check " + target + ": success"));
    }

    @Test
    void noServiceAsksForTheServerAsAWhole() throws Exception {
        assertThat(runToEnd(check("api").grpc(server.h2c()).build()))
                .isEqualTo(CheckResult.passing("gRPC check " + server.h2c() + ": success"));
    }

    @Test
    void notServingIsCriticalWithTheStatusName() throws Exception {
        String target = server.h2c() + "/down";
        assertThat(runToEnd(check("api").grpc(target).build()))
                .isEqualTo(CheckResult.critical("gRPC " + target + " serving status: NOT_SERVING"));
        String starting = server.h2c() + "/starting";
        assertThat(runToEnd(check("api").grpc(starting).build()))
                .isEqualTo(CheckResult.critical("gRPC " + starting + " serving status: UNKNOWN"));
    }

    @Test
    void anUnknownServiceIsCriticalWithTheServersStatus() throws Exception {
        assertThat(runToEnd(check("api").grpc(server.h2c() + "/billing").build()))
                .isEqualTo(CheckResult.critical("rpc error: code = NotFound desc = unknown service"));
    }

    @Test
    void tlsToAPlaintextPortFailsTheHandshake() throws Exception {
        CheckResult result = runToEnd(check("api").grpc(server.h2c() + "/ok").grpcUseTls(true).tlsSkipVerify(true)
                .timeout(Duration.ofSeconds(2)).build());
        assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(result.output()).startsWith(
                "rpc error: code = Unavailable desc = connection error: desc = \"transport: authentication handshake failed: ");
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        String closed = Http2TestServer.closed();
        assertThat(runToEnd(check("api").grpc(closed).build())).isEqualTo(CheckResult.critical(
                "rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: "
                        + "dial tcp " + closed + ": connect: connection refused\""));
    }

    @Test
    void aServerThatNeverAnswersIsADeadlineExceededAtTheTimeout() throws Exception {
        long start = System.nanoTime();
        CheckResult result = runToEnd(check("api").grpc(server.silent()).timeout(Duration.ofMillis(700)).build());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(result).isEqualTo(CheckResult.critical("rpc error: code = DeadlineExceeded desc = context deadline exceeded"));
        assertThat(tookMs).isBetween(600L, 2_500L);
        assertThat(runToEnd(hanging().orElseThrow()))
                .isEqualTo(CheckResult.critical("rpc error: code = DeadlineExceeded desc = context deadline exceeded"));
    }

    @Test
    void tlsIsVerifiedWithTheAgentsCa() throws Exception {
        String target = server.tls() + "/ok";
        assertThat(runToEnd(check("api").grpc(target).grpcUseTls(true).build()))
                .isEqualTo(CheckResult.passing("gRPC check " + target + ": success"));
        assertThat(runToEnd(check("api").grpc(server.tls() + "/down").grpcUseTls(true).build()).output())
                .endsWith("serving status: NOT_SERVING");
    }

    @Test
    void tlsServerNameIsTheNameTheCertificateMustCarry() throws Exception {
        String target = server.tls() + "/ok";
        assertThat(runToEnd(check("api").grpc(target).grpcUseTls(true).tlsServerName("grpc.internal").build()).status())
                .isEqualTo(HealthStatus.PASSING);
        CheckResult wrong = runToEnd(check("api").grpc(target).grpcUseTls(true).tlsServerName("db.internal").build());
        assertThat(wrong.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(wrong.output()).startsWith("rpc error: code = Unavailable desc = connection error: desc = \"transport: authentication handshake failed");
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedUnlessVerificationIsSkipped() throws Exception {
        try (Http2Clients jdkTrust = new Http2Clients((verify, name) -> SslContexts.outgoing(TlsSettings.none(), verify, name))) {
            GrpcCheckType strict = new GrpcCheckType(jdkTrust);
            String target = server.tls() + "/ok";
            CheckDefinition verified = check("api").grpc(target).grpcUseTls(true).build();
            CheckResult refused = strict.run(verified, FakeCheckContext.of(verified)).toCompletableFuture().get();
            assertThat(refused.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(refused.output()).contains("authentication handshake failed");

            CheckDefinition skipped = check("api").grpc(target).grpcUseTls(true).tlsSkipVerify(true).build();
            assertThat(strict.run(skipped, FakeCheckContext.of(skipped)).toCompletableFuture().get())
                    .isEqualTo(CheckResult.passing("gRPC check " + target + ": success"));
        }
    }

    @Test
    void plaintextToATlsPortFails() throws Exception {
        CheckResult result = runToEnd(check("api").grpc(server.tls() + "/ok").timeout(Duration.ofSeconds(2)).build());
        assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(result.output()).isEqualTo("rpc error: code = Unavailable desc = connection error: desc = \"transport: EOF\"");
    }
}
