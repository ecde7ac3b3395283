package io.cairn.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SNIHostName;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsException;

/**
 * The HTTP clients of the HTTP checks: one per TLS variant in use (plain; HTTPS verified with
 * the agent's CA; skipping verification; each {@code TLSServerName}), all on one bounded
 * thread pool and one scheduler, so thousands of checks share a handful of threads and
 * pooled connections.
 *
 * <p>{@link #retire()} (on a config reload) makes the next checks build fresh clients, so
 * rotated CA and certificate files are read again; the retired ones are stopped on
 * {@link #close()}, as checks may still be running on them.
 */
public final class HttpClients implements AutoCloseable {

    /** Where HTTPS clients get their TLS context from: the agent's tls settings. */
    @FunctionalInterface
    public interface TlsSource {
        TlsContext context(boolean verify, Optional<String> serverName) throws TlsException;
    }

    /** Requests waiting per destination: many checks may hit one backend in the same instant. */
    static final int MAX_QUEUED_PER_DESTINATION = 16_384;
    private static final int MAX_THREADS = 16;
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private record Variant(boolean https, boolean verify, Optional<String> serverName) {
    }

    private final TlsSource tls;
    private final QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("cairn-check-http-timer", true);
    private final Map<Variant, HttpClient> clients = new ConcurrentHashMap<>();
    private final List<HttpClient> retired = new ArrayList<>();

    public HttpClients(TlsSource tls) throws Exception {
        this.tls = tls;
        threads.setName("cairn-check-http");
        threads.setDaemon(true);
        // started here, so the clients that use them take them as shared, not theirs to stop
        threads.start();
        scheduler.start();
    }

    /**
     * The client for one TLS variant, built on first use.
     *
     * @throws IllegalStateException when the agent's TLS files cannot be read (the check shows why)
     */
    HttpClient client(boolean https, boolean verify, Optional<String> serverName) {
        Variant variant = https ? new Variant(true, verify, serverName)
                : new Variant(false, true, Optional.empty());
        return clients.computeIfAbsent(variant, this::start);
    }

    private HttpClient start(Variant variant) {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        if (variant.https()) {
            connector.setSslContextFactory(sslContextFactory(variant));
        }
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setMaxRequestsQueuedPerDestination(MAX_QUEUED_PER_DESTINATION);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an HTTP client: " + e.getMessage(), e);
        }
        return client;
    }

    private SslContextFactory.Client sslContextFactory(Variant variant) {
        return configure(new SslContextFactory.Client(), tls, variant.verify(), variant.serverName());
    }

    /**
     * A check's TLS as Go's client does it: the agent's context for this variant, the name
     * checked by the context's trust manager (TLSServerName, else the host dialled) and sent as SNI.
     */
    static SslContextFactory.Client configure(SslContextFactory.Client factory, TlsSource tls, boolean verify,
            Optional<String> serverName) {
        TlsContext context;
        try {
            context = tls.context(verify, serverName);
        } catch (TlsException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        factory.setSslContext(context.sslContext());
        factory.setIncludeProtocols(context.protocols().toArray(String[]::new));
        if (!context.cipherSuites().isEmpty()) {
            factory.setIncludeCipherSuites(context.cipherSuites().toArray(String[]::new));
        }
        factory.setEndpointIdentificationAlgorithm(null);
        factory.setTrustAll(!verify);
        // Go sends TLSServerName as the SNI too: a virtual host answers with that name's certificate
        serverName.ifPresent(name -> factory.setSNIProvider((engine, names) -> List.of(new SNIHostName(name))));
        return factory;
    }

    /** Later checks build new clients (TLS files read again); running ones finish on the old. */
    public synchronized void retire() {
        retired.addAll(clients.values());
        clients.clear();
    }

    @Override
    public synchronized void close() throws Exception {
        retire();
        for (HttpClient client : retired) {
            client.stop();
        }
        retired.clear();
        scheduler.stop();
        threads.stop();
    }
}
