package io.cairn.rpc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.cairn.api.tls.TlsContext;

/**
 * Sends {@link RpcRequest}s to one server at a time over HTTP/1.1 with Jetty's client, without
 * a thread per request: a parked blocking query holds a connection, not a thread. Connections
 * are pooled per server; the pool is large because every parked query keeps its own (until
 * server RPC speaks HTTP/2 and multiplexes them).
 */
public final class RpcClient implements AutoCloseable {

    /** Parked blocking queries per server before requests queue; each is one connection. */
    static final int MAX_CONNECTIONS_PER_SERVER = 16_384;
    /** The largest answer buffered: a recursive KV read or a catalog listing of a big data centre. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final long CONNECT_TIMEOUT_MS = 2_000;
    /** Enough for the selector and the callbacks: no thread ever waits for a server here. */
    static final int MAX_THREADS = 64;

    private final HttpClient client;
    private final String scheme;
    private final SslContextFactory.Client tlsFactory;

    /** Plain HTTP, for servers without {@code tls.internal_rpc}. */
    public RpcClient() {
        this(Optional.empty());
    }

    /**
     * @param tls with {@code tls.internal_rpc}: HTTPS with this context, whose keys answer a
     *            server's {@code verify_incoming} and whose trust checks the server's
     *            certificate against the agents' CA
     */
    public RpcClient(Optional<TlsContext> tls) {
        ClientConnector connector = new ClientConnector();
        tlsFactory = tls.map(context -> {
            SslContextFactory.Client factory = new SslContextFactory.Client();
            configure(factory, context);
            // servers are dialled by IP; their certificates name server.<dc>.<domain>, checked (with
            // verify_server_hostname) by the context's trust manager, not by the JDK's host check
            factory.setEndpointIdentificationAlgorithm(null);
            connector.setSslContextFactory(factory);
            return factory;
        }).orElse(null);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        scheme = tls.isPresent() ? "https://" : "http://";
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("cairn-rpc");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_SERVER);
        client.setMaxRequestsQueuedPerDestination(MAX_CONNECTIONS_PER_SERVER);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
    }

    private static void configure(SslContextFactory.Client factory, TlsContext context) {
        factory.setSslContext(context.sslContext());
        factory.setIncludeProtocols(context.protocols().toArray(String[]::new));
        if (!context.cipherSuites().isEmpty()) {
            factory.setIncludeCipherSuites(context.cipherSuites().toArray(String[]::new));
        }
    }

    /**
     * New connections use this context from now on (auto_encrypt's renewed certificate); open
     * ones keep the one they were made with, still valid.
     *
     * @throws IllegalStateException when this client speaks plain HTTP
     */
    public void reloadTls(TlsContext context) throws Exception {
        if (tlsFactory == null) {
            throw new IllegalStateException("server RPC over plain HTTP has no TLS to reload");
        }
        tlsFactory.reload(factory -> configure((SslContextFactory.Client) factory, context));
    }

    public void start() throws Exception {
        client.start();
    }

    /**
     * Sends a request to a server ({@code ip:port}). Completes with whatever status the server
     * answered, or exceptionally when no answer came: not connected, connection lost, timed out.
     */
    public CompletionStage<RpcResponse> send(String server, RpcRequest request) {
        CompletableFuture<RpcResponse> answer = new CompletableFuture<>();
        long timeoutMs = request.readTimeout().toMillis();
        Request outgoing = client.newRequest(scheme + server + request.target())
                .method(request.method())
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                // a parked blocking query sends nothing until it answers: idle is normal
                .idleTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .headers(headers -> request.headers().forEach(headers::put));
        if (request.body().length > 0) {
            outgoing.body(new BytesRequestContent(request.headers().get("Content-Type"), request.body()));
        }
        outgoing.send(new BufferingResponseListener(MAX_RESPONSE_BYTES) {
            @Override
            public void onComplete(Result result) {
                if (result.isFailed()) {
                    answer.completeExceptionally(result.getFailure());
                    return;
                }
                Map<String, String> headers = new HashMap<>();
                for (HttpField field : result.getResponse().getHeaders()) {
                    if (passedBack(field.getName())) {
                        headers.put(field.getName(), field.getValue());
                    }
                }
                answer.complete(new RpcResponse(result.getResponse().getStatus(), headers, getContent()));
            }
        });
        return answer;
    }

    /** Consul's answer headers and what the body is; connection-level headers stay here. */
    static boolean passedBack(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return name.startsWith("x-consul-") || name.equals("content-type") || name.equals("allow");
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
