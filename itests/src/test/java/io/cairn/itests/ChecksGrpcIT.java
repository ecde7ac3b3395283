package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.api.config.TlsSettings;
import io.cairn.tls.AgentCa;
import io.cairn.tls.CaOptions;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import io.cairn.tls.Credentials;
import io.cairn.tls.Pem;
import io.cairn.tls.SslContexts;

/**
 * The gRPC and H2PING check types in a running distribution (their Jetty HTTP/2 bundles
 * resolved in Karaf): an agent on 127.0.0.230 registers a service whose checks dial an
 * HTTP/2 server this test runs on 127.0.0.231 (a gRPC health service over h2c, an H2PING
 * over TLS with its default and one over h2c), sees them pass in {@code /v1/health/checks},
 * then the server stops and they turn critical.
 */
class ChecksGrpcIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "127.0.0.230";
    private static final String HTTP = ADDRESS + ":8500";
    private static final String BACKEND = "127.0.0.231";

    @Test
    void grpcAndH2pingChecksPassThenGoCriticalWhenTheServerStops() throws Exception {
        Path dataDir = AgentProcess.tempDataDir("checks-grpc");
        Server backend = backend(dataDir);
        String h2c = BACKEND + ":" + ((ServerConnector) backend.getConnectors()[0]).getLocalPort();
        String tls = BACKEND + ":" + ((ServerConnector) backend.getConnectors()[1]).getLocalPort();
        try (AgentProcess agent = AgentProcess.start(HTTP, "-dev", "-node", "grpc-it", "-bind", ADDRESS,
                "-client", ADDRESS, "-data-dir", dataDir.toString())) {
            agent.awaitRunning();
            var registered = agent.put("/v1/agent/service/register", """
                    {"ID": "api", "Name": "api", "Port": 9090, "Checks": [
                      {"CheckID": "api-grpc", "Name": "grpc", "GRPC": "%s/api", "Interval": "1s", "Timeout": "2s"},
                      {"CheckID": "api-grpc-other", "Name": "grpc other", "GRPC": "%s/billing", "Interval": "1s"},
                      {"CheckID": "api-h2ping", "Name": "h2ping", "H2PING": "%s", "TLSSkipVerify": true,
                       "Interval": "1s", "Timeout": "2s"},
                      {"CheckID": "api-h2c-ping", "Name": "h2c ping", "H2PING": "%s", "H2PingUseTLS": false,
                       "Interval": "1s", "Timeout": "2s"}]}
                    """.formatted(h2c, h2c, tls, h2c));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

            awaitChecks(agent, "passing gRPC check " + h2c + "/api: success",
                    "critical rpc error: code = NotFound desc = unknown service",
                    "passing HTTP2 ping was successful",
                    "passing HTTP2 ping was successful");

            backend.stop();
            String refused = "dial tcp " + h2c + ": connect: connection refused";
            String refusedTls = "dial tcp " + tls + ": connect: connection refused";
            awaitChecks(agent,
                    "critical rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: " + refused + "\"",
                    "critical rpc error: code = Unavailable desc = connection error: desc = \"transport: Error while dialing: " + refused + "\"",
                    "critical Failed to dial to " + tls + ": " + refusedTls,
                    "critical Failed to dial to " + h2c + ": " + refused);
            assertThat(agent.stop()).isZero();
        } finally {
            backend.stop();
        }
    }

    /** Status and output of the four checks, in registration order, as /v1/health/checks/api shows them. */
    private static void awaitChecks(AgentProcess agent, String grpc, String other, String h2ping, String h2cPing) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode checks = JSON.readTree(agent.get("/v1/health/checks/api").body());
            assertThat(List.of(line(checks, "api-grpc"), line(checks, "api-grpc-other"), line(checks, "api-h2ping"),
                    line(checks, "api-h2c-ping"))).containsExactly(grpc, other, h2ping, h2cPing);
        });
    }

    private static String line(JsonNode checks, String id) {
        for (JsonNode check : checks) {
            if (check.path("CheckID").asText().equals(id)) {
                return check.path("Status").asText() + " " + check.path("Output").asText();
            }
        }
        return "missing " + id;
    }

    /** Jetty on 127.0.0.231: h2c (connector 0) and TLS with ALPN h2 (connector 1), a fake gRPC health service. */
    private static Server backend(Path dir) throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        Credentials cert = ca.issue(CertificateSpec.of(CertificateKind.SERVER, "dc1", "consul", Optional.empty(),
                List.of(), List.of(CertificateSpec.ipAddress(BACKEND)), 1));
        Path certFile = dir.resolve("backend.pem");
        Path keyFile = dir.resolve("backend-key.pem");
        Pem.writeCertificate(certFile, cert.certificatePem());
        Pem.writePrivateKey(keyFile, cert.keyPem());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(SslContexts.server(new TlsSettings(null, null, certFile.toString(), keyFile.toString(),
                false, false, false, "TLSv1_2", null)).sslContext());

        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        ServerConnector h2c = new ServerConnector(server, new HTTP2CServerConnectionFactory(config));
        h2c.setHost(BACKEND);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
        ServerConnector tls = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(config));
        tls.setHost(BACKEND);
        server.addConnector(h2c);
        server.addConnector(tls);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!Request.getPathInContext(request).equals("/grpc.health.v1.Health/Check")) {
                    response.setStatus(404);
                    callback.succeeded();
                    return true;
                }
                ByteBuffer body = Content.Source.asByteBuffer(request);
                // HealthCheckRequest{service: "api"} is 0A 03 'a' 'p' 'i' after the 5-byte frame header
                boolean api = body.remaining() == 10 && body.get(5) == 0x0A && body.get(6) == 3
                        && body.get(7) == 'a' && body.get(8) == 'p' && body.get(9) == 'i';
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/grpc");
                if (!api) {
                    response.getHeaders().put("grpc-status", "5");
                    response.getHeaders().put("grpc-message", "unknown service");
                    callback.succeeded();
                    return true;
                }
                response.setTrailersSupplier(() -> HttpFields.build().put("grpc-status", "0"));
                response.write(true, ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 2, 0x08, 0x01}), callback);
                return true;
            }
        });
        server.start();
        return server;
    }
}
