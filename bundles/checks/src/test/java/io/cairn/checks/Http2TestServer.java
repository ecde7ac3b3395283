package io.cairn.checks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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

import io.cairn.api.config.TlsSettings;
import io.cairn.tls.AgentCa;
import io.cairn.tls.CaOptions;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import io.cairn.tls.Credentials;
import io.cairn.tls.Pem;
import io.cairn.tls.SslContexts;

/**
 * A Jetty HTTP/2 server for the gRPC and H2PING checks on 127.0.0.232: an h2c connector
 * (prior knowledge), a TLS connector (ALPN h2, a certificate of a fresh agent CA naming
 * {@code grpc.internal} and the address), and a listener that accepts TCP and never speaks.
 * It serves a fake {@code grpc.health.v1.Health/Check} whose answer depends on the service
 * asked for: "" and "ok" SERVING, "down" NOT_SERVING, "starting" UNKNOWN, "hang" never,
 * anything else NotFound "unknown service"; any other path is a plain 404.
 */
final class Http2TestServer implements AutoCloseable {

    static final String HOST = "127.0.0.232";

    private final Server server = new Server();
    private final ServerConnector h2c;
    private final ServerConnector tls;
    private final ServerSocket silent;
    /** The agent's TLS settings trusting only the CA that signed the server's certificate. */
    final TlsSettings agentTls;

    Http2TestServer(Path dir) throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        Path caFile = dir.resolve("ca.pem");
        Pem.writeCertificate(caFile, ca.credentials().certificatePem());
        Credentials cert = ca.issue(CertificateSpec.of(CertificateKind.SERVER, "dc1", "consul", Optional.empty(),
                List.of("grpc.internal"), List.of(CertificateSpec.ipAddress(HOST)), 1));
        Path certFile = dir.resolve("server.pem");
        Path keyFile = dir.resolve("server-key.pem");
        Pem.writeCertificate(certFile, cert.certificatePem());
        Pem.writePrivateKey(keyFile, cert.keyPem());
        TlsSettings serverTls = new TlsSettings(null, null, certFile.toString(), keyFile.toString(), false, false,
                false, "TLSv1_2", null);
        agentTls = new TlsSettings(caFile.toString(), null, null, null, false, false, false, "TLSv1_2", null);

        HttpConfiguration config = new HttpConfiguration();
        h2c = new ServerConnector(server, new HTTP2CServerConnectionFactory(config));
        h2c.setHost(HOST);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(SslContexts.server(serverTls).sslContext());
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2");
        alpn.setDefaultProtocol("h2");
        tls = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(config));
        tls.setHost(HOST);
        server.addConnector(h2c);
        server.addConnector(tls);
        server.setHandler(new FakeHealth());
        server.start();
        // connections complete in the kernel's backlog and are never read nor answered
        silent = new ServerSocket(0, 100, InetAddress.getByName(HOST));
    }

    String h2c() {
        return HOST + ":" + h2c.getLocalPort();
    }

    String tls() {
        return HOST + ":" + tls.getLocalPort();
    }

    String silent() {
        return HOST + ":" + silent.getLocalPort();
    }

    /** An address on the test host nothing listens on. */
    static String closed() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return HOST + ":" + socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        silent.close();
        server.stop();
    }

    /** grpc.health.v1.Health/Check, decoded without the code under test. */
    private static final class FakeHealth extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!Request.getPathInContext(request).equals("/grpc.health.v1.Health/Check")
                    || !"application/grpc".equals(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
                response.setStatus(404);
                Content.Sink.write(response, true, "no such page", callback);
                return true;
            }
            String service = service(Content.Source.asByteBuffer(request));
            int status;
            switch (service) {
                case "", "ok" -> status = 1;
                case "down" -> status = 2;
                case "starting" -> status = 0;
                case "hang" -> {
                    return true; // never answers
                }
                default -> {
                    // trailers-only, as grpc-go's health server answers an unknown service
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/grpc");
                    response.getHeaders().put("grpc-status", "5");
                    response.getHeaders().put("grpc-message", "unknown%20service");
                    callback.succeeded();
                    return true;
                }
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/grpc");
            response.setTrailersSupplier(() -> HttpFields.build().put("grpc-status", "0"));
            // HealthCheckResponse: field 1 varint, left out when 0 (proto3)
            byte[] message = status == 0 ? new byte[0] : new byte[] {0x08, (byte) status};
            ByteBuffer framed = ByteBuffer.allocate(5 + message.length);
            framed.put((byte) 0).putInt(message.length).put(message).flip();
            response.write(true, framed, callback);
            return true;
        }

        /** The request's field 1 (a short string: one-byte length). */
        private static String service(ByteBuffer body) {
            if (body.remaining() < 5 || body.get() != 0) {
                throw new IllegalArgumentException("not a gRPC frame");
            }
            int length = body.getInt();
            if (length == 0) {
                return "";
            }
            if (body.get() != 0x0A) {
                throw new IllegalArgumentException("expected field 1, length-delimited");
            }
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            int size = body.get();
            for (int i = 0; i < size; i++) {
                name.write(body.get());
            }
            return name.toString(StandardCharsets.UTF_8);
        }
    }
}
