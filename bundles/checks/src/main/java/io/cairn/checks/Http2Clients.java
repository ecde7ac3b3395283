package io.cairn.checks;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;


/**
 * The HTTP/2 connections of the gRPC and H2PING checks: one Jetty {@link HTTP2Client} on a
 * bounded thread pool and one scheduler, dialling either h2c with prior knowledge (plain) or
 * TLS with ALPN {@code h2}. Each run opens its own session and closes it, as Consul's checks
 * dial anew each time.
 *
 * <p>ALPN is set on the {@link SSLEngine} itself (the JDK's own ALPN), not through Jetty's
 * ALPN processors, which are found with {@code ServiceLoader} and would need SPI Fly in OSGi.
 * TLS contexts come from the agent's settings, one per variant (verify or not, each
 * {@code TLSServerName}); {@link #retire()} (a config reload) makes them be read again.
 */
public final class Http2Clients implements AutoCloseable {

    private static final int MAX_THREADS = 8;
    private static final long CONNECT_TIMEOUT_MS = 10_000;

    private record Variant(boolean verify, Optional<String> serverName) {
    }

    private final HttpClients.TlsSource tls;
    private final QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("cairn-check-h2-timer", true);
    private final HTTP2Client client;
    private final Map<Variant, SslContextFactory.Client> contexts = new ConcurrentHashMap<>();
    private final List<SslContextFactory.Client> retired = new ArrayList<>();

    public Http2Clients(HttpClients.TlsSource tls) throws Exception {
        this.tls = tls;
        HpackPreEncoding.ensure();
        threads.setName("cairn-check-h2");
        threads.setDaemon(true);
        threads.start();
        scheduler.start();
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        client = new HTTP2Client(connector);
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setUseALPN(false);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.start();
    }

    /** The timer the checks arm their timeouts on. */
    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Opens a session to {@code target}: TLS when {@code tlsVariant} is present (verify, server
     * name), h2c with prior knowledge otherwise. The promise fails with the TCP failure; a TLS
     * handshake failure reaches the listener's {@code onFailure}.
     *
     * @throws IllegalStateException when the agent's TLS files cannot be read
     */
    void connect(HostPort target, Optional<TlsVariant> tlsVariant, Session.Listener listener, Promise<Session> promise) {
        SslContextFactory.Client ssl = tlsVariant
                .map(v -> contexts.computeIfAbsent(new Variant(v.verify(), v.serverName()), this::sslContextFactory))
                .orElse(null);
        // the name lookup may block: on a worker, so run() returns at once
        threads.execute(() -> {
            InetSocketAddress address;
            try {
                address = target.resolve();
                if (address.isUnresolved()) {
                    throw new java.nio.channels.UnresolvedAddressException();
                }
            } catch (RuntimeException e) {
                promise.failed(e);
                return;
            }
            if (ssl == null) {
                client.connect(address, listener, promise);
            } else {
                client.connect(ssl, address, listener, promise);
            }
        });
    }

    /** How a TLS connection is checked: the peer verified with the agent's CA, the name to expect and send as SNI. */
    record TlsVariant(boolean verify, Optional<String> serverName) {
    }

    private SslContextFactory.Client sslContextFactory(Variant variant) {
        SslContextFactory.Client factory = HttpClients.configure(new H2SslContextFactory(), tls, variant.verify(),
                variant.serverName());
        try {
            factory.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        return factory;
    }

    /** Offers ALPN {@code h2} with the JDK's SSLEngine, as gRPC servers require it. */
    private static final class H2SslContextFactory extends SslContextFactory.Client {
        @Override
        public void customize(SSLEngine engine) {
            super.customize(engine);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            engine.setSSLParameters(parameters);
        }
    }

    /** Later checks read the TLS files again; running ones finish on the old contexts. */
    public synchronized void retire() {
        retired.addAll(contexts.values());
        contexts.clear();
    }

    @Override
    public synchronized void close() throws Exception {
        retire();
        client.stop();
        for (SslContextFactory.Client context : retired) {
            context.stop();
        }
        retired.clear();
        scheduler.stop();
        threads.stop();
    }
}
