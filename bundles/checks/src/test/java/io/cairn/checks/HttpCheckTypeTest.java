package io.cairn.checks;

import static io.cairn.plugins.testkit.CheckDefinitions.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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
import io.cairn.tls.AgentCa;
import io.cairn.tls.CaOptions;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import io.cairn.tls.Credentials;
import io.cairn.tls.Pem;
import io.cairn.tls.SslContexts;

/** The HTTP check against a real Jetty on 127.0.0.110, over HTTP and HTTPS with certificates of an agent CA. */
class HttpCheckTypeTest extends CheckTypeConformance {

    private static final String HOST = "127.0.0.110";

    @TempDir
    static Path dir;

    private static Server server;
    private static String http;
    private static String https;
    private static TlsSettings agentTls;
    private static HttpClients clients;
    private static HttpCheckType type;

    @BeforeAll
    static void startServers() throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        Path caFile = dir.resolve("ca.pem");
        Pem.writeCertificate(caFile, ca.credentials().certificatePem());
        Credentials serverCert = ca.issue(CertificateSpec.of(CertificateKind.SERVER, "dc1", "consul", Optional.empty(),
                List.of("web.internal"), List.of(CertificateSpec.ipAddress(HOST)), 1));
        Path certFile = dir.resolve("server.pem");
        Path keyFile = dir.resolve("server-key.pem");
        Pem.writeCertificate(certFile, serverCert.certificatePem());
        Pem.writePrivateKey(keyFile, serverCert.keyPem());
        TlsSettings serverTls = new TlsSettings(null, null, certFile.toString(), keyFile.toString(), false, false,
                false, "TLSv1_2", null);

        server = new Server();
        ServerConnector plain = new ServerConnector(server);
        plain.setHost(HOST);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(SslContexts.server(serverTls).sslContext());
        ServerConnector secure = new ServerConnector(server, tls);
        secure.setHost(HOST);
        server.addConnector(plain);
        server.addConnector(secure);
        server.setHandler(new Backend());
        server.start();
        http = "http://" + HOST + ":" + plain.getLocalPort();
        https = "https://" + HOST + ":" + secure.getLocalPort();
        // the agent trusts its CA only: the JDK's CAs do not know this one
        agentTls = new TlsSettings(caFile.toString(), null, null, null, false, false, false, "TLSv1_2", null);
        clients = new HttpClients((verify, serverName) -> SslContexts.outgoing(agentTls, verify, serverName));
        type = new HttpCheckType(clients);
    }

    @AfterAll
    static void stopServers() throws Exception {
        clients.close();
        server.stop();
    }

    /** Answers by path: /ok 200, /busy 429, /down 503, /redirect 302, /echo what it got, /big 10 KB, /hang never. */
    private static final class Backend extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            switch (path) {
                case "/ok" -> Content.Sink.write(response, true, "all good", callback);
                case "/busy" -> answer(response, 429, "slow down", callback);
                case "/down" -> answer(response, 503, "database unreachable", callback);
                case "/redirect" -> {
                    response.setStatus(302);
                    response.getHeaders().put(HttpHeader.LOCATION, "/ok");
                    callback.succeeded();
                }
                case "/echo" -> {
                    String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                    Content.Sink.write(response, true, request.getMethod() + " host=" + request.getHeaders().get("Host")
                            + " agent=" + request.getHeaders().get("User-Agent")
                            + " x-token=" + request.getHeaders().getValuesList("X-Token")
                            + " type=" + request.getHeaders().get("Content-Type") + " body=" + body, callback);
                }
                case "/big" -> Content.Sink.write(response, true, "x".repeat(10_000), callback);
                case "/hang" -> {
                    // never answers: the check must give up at its timeout
                }
                default -> answer(response, 404, "no such page", callback);
            }
            return true;
        }

        private static void answer(Response response, int status, String body, Callback callback) {
            response.setStatus(status);
            Content.Sink.write(response, true, body, callback);
        }
    }

    @Override
    protected CheckType type() {
        return type;
    }

    @Override
    protected CheckDefinition passing() {
        return check("web").http(http + "/ok").build();
    }

    @Override
    protected CheckDefinition failing() {
        return check("web").http(http + "/down").build();
    }

    @Override
    protected Optional<CheckDefinition> hanging() {
        return Optional.of(check("web").http(http + "/hang").timeout(Duration.ofSeconds(1)).build());
    }

    @Override
    protected Optional<CheckDefinition> malformed() {
        return Optional.of(check("web").http("http://[bad").build());
    }

    @Test
    void twoHundredIsPassingWithConsulsOutput() throws Exception {
        assertThat(runToEnd(passing())).isEqualTo(CheckResult.passing("HTTP GET " + http + "/ok: 200 OK Output: all good"));
    }

    @Test
    void tooManyRequestsIsAWarning() throws Exception {
        assertThat(runToEnd(check("web").http(http + "/busy").build())).isEqualTo(
                CheckResult.warning("HTTP GET " + http + "/busy: 429 Too Many Requests Output: slow down"));
    }

    @Test
    void anyOtherStatusIsCritical() throws Exception {
        assertThat(runToEnd(failing())).isEqualTo(
                CheckResult.critical("HTTP GET " + http + "/down: 503 Service Unavailable Output: database unreachable"));
        assertThat(runToEnd(check("web").http(http + "/nothing").build()).status()).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        CheckResult result = runToEnd(check("web").http(http + "/redirect").build());
        assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(result.output()).startsWith("HTTP GET " + http + "/redirect: 302 Found");
    }

    @Test
    void methodHeadersAndBodyAreSent() throws Exception {
        CheckResult result = runToEnd(check("web").http(http + "/echo").method("POST")
                .header("X-Token", "a", "b").header("Host", "web.internal").header("Content-Type", "application/json")
                .body("{\"ping\":1}").build());
        assertThat(result.output()).isEqualTo("HTTP POST " + http + "/echo: 200 OK Output: POST host=web.internal "
                + "agent=Consul Health Check x-token=[a, b] type=application/json body={\"ping\":1}");
    }

    @Test
    void theBodyIsCutAtTheOutputCap() throws Exception {
        CheckResult result = runToEnd(check("web").http(http + "/big").outputMaxSize(100).build());
        assertThat(result.output()).isEqualTo("HTTP GET " + http + "/big: 200 OK Output: " + "x".repeat(100));
    }

    @Test
    void aRefusedConnectionSaysSoAsGoDoes() throws Exception {
        String closed = "http://" + HOST + ":" + TcpCheckTypeTest.closedPort() + "/ok";
        assertThat(runToEnd(check("web").http(closed).build()))
                .isEqualTo(CheckResult.critical("Get \"" + closed + "\": connect: connection refused"));
    }

    @Test
    void httpsIsVerifiedWithTheAgentsCa() throws Exception {
        assertThat(runToEnd(check("web").http(https + "/ok").build()))
                .isEqualTo(CheckResult.passing("HTTP GET " + https + "/ok: 200 OK Output: all good"));
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedUnlessVerificationIsSkipped() throws Exception {
        TlsSettings jdkCasOnly = TlsSettings.none();
        try (HttpClients jdkTrust = new HttpClients((verify, name) -> SslContexts.outgoing(jdkCasOnly, verify, name))) {
            HttpCheckType strict = new HttpCheckType(jdkTrust);
            CheckDefinition verified = check("web").http(https + "/ok").build();
            CheckResult refused = strict.run(verified, io.cairn.plugins.testkit.FakeCheckContext.of(verified))
                    .toCompletableFuture().get();
            assertThat(refused.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(refused.output()).startsWith("Get \"" + https + "/ok\": ");

            CheckDefinition skipped = check("web").http(https + "/ok").tlsSkipVerify(true).build();
            assertThat(strict.run(skipped, io.cairn.plugins.testkit.FakeCheckContext.of(skipped))
                    .toCompletableFuture().get().status()).isEqualTo(HealthStatus.PASSING);
        }
    }

    @Test
    void tlsServerNameIsTheNameTheCertificateMustCarry() throws Exception {
        assertThat(runToEnd(check("web").http(https + "/ok").tlsServerName("web.internal").build()).status())
                .isEqualTo(HealthStatus.PASSING);
        CheckResult wrongName = runToEnd(check("web").http(https + "/ok").tlsServerName("db.internal").build());
        assertThat(wrongName.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(wrongName.output()).contains("db.internal");
    }

    @Test
    void unreadableTlsFilesAreCriticalWithTheReason() throws Exception {
        TlsSettings missing = new TlsSettings(dir.resolve("nope.pem").toString(), null, null, null, false, false,
                false, "TLSv1_2", null);
        try (HttpClients broken = new HttpClients((verify, name) -> SslContexts.outgoing(missing, verify, name))) {
            CheckDefinition c = check("web").http(https + "/ok").build();
            CheckResult result = new HttpCheckType(broken).run(c, io.cairn.plugins.testkit.FakeCheckContext.of(c))
                    .toCompletableFuture().get();
            assertThat(result.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(result.output()).contains("nope.pem");
        }
        assertThat(Files.exists(dir.resolve("nope.pem"))).isFalse();
    }
}
