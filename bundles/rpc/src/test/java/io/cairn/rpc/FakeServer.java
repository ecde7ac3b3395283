package io.cairn.rpc;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import io.cairn.api.tls.TlsContext;

/** A server's RPC port played by a real Jetty on 127.0.0.80: records what it received, answers as told. */
final class FakeServer implements AutoCloseable {

    static final String HOST = "127.0.0.80";

    /** What arrived: method, target as sent, the headers asked about, the body. */
    record Received(String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer json(String body, Map<String, String> headers) {
            return new Answer(200, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    final CopyOnWriteArrayList<Received> received = new CopyOnWriteArrayList<>();
    private final Server server = new Server();
    private final ServerConnector connector;

    /** Answers every request from {@code answers}, possibly later (a parked blocking query). */
    FakeServer(Function<Received, CompletionStage<Answer>> answers) throws Exception {
        this(answers, Optional.empty());
    }

    /** Over TLS with this context (client certificates required when it says so). */
    FakeServer(Function<Received, CompletionStage<Answer>> answers, Optional<TlsContext> tls) throws Exception {
        HttpConfiguration configuration = new HttpConfiguration();
        // like the agent's API, take Consul's keys with encoded slashes and percents as they come
        configuration.setUriCompliance(UriCompliance.UNSAFE);
        // like the agent's HTTPS: servers are dialled by IP, so no SNI host check
        tls.ifPresent(context -> configuration.addCustomizer(new SecureRequestCustomizer(false, false, -1, false)));
        connector = tls.isEmpty() ? new ServerConnector(server, new HttpConnectionFactory(configuration))
                : new ServerConnector(server, new SslConnectionFactory(sslFactory(tls.get()), "http/1.1"),
                        new HttpConnectionFactory(configuration));
        connector.setHost(HOST);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.asByteArrayAsync(request, 1 << 20).thenCompose(body -> {
                    Map<String, String> headers = new java.util.HashMap<>();
                    for (String name : new String[] {"X-Consul-Token", "Content-Type", "Authorization"}) {
                        String value = request.getHeaders().get(name);
                        if (value != null) {
                            headers.put(name, value);
                        }
                    }
                    String query = request.getHttpURI().getQuery();
                    Received got = new Received(request.getMethod(),
                            request.getHttpURI().getPath() + (query == null ? "" : "?" + query), headers, body);
                    received.add(got);
                    return answers.apply(got);
                }).whenComplete((answer, failure) -> {
                    if (failure != null) {
                        callback.failed(failure);
                        return;
                    }
                    response.setStatus(answer.status());
                    answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
                    response.write(true, ByteBuffer.wrap(answer.body()), callback);
                });
                return true;
            }
        });
        server.start();
    }

    private static SslContextFactory.Server sslFactory(TlsContext tls) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(tls.sslContext());
        factory.setNeedClientAuth(tls.needClientAuth());
        return factory;
    }

    static FakeServer answering(Answer answer) throws Exception {
        return new FakeServer(request -> CompletableFuture.completedFuture(answer));
    }

    String address() {
        return HOST + ":" + connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
