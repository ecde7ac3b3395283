package io.cairn.http;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.tls.TlsContext;

/**
 * The agent's HTTP API listener: Jetty 12 core on the configured addresses, serving the
 * routes of a {@link RouteRegistry} over HTTP, HTTPS or both. Stopping it stops every thread
 * it started.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String HTTP = "http";
    private static final String HTTPS = "https";

    /**
     * Consul keys and ids may hold encoded slashes ({@code scope%2Fname}) and empty segments
     * ({@code a//b}); Jetty rejects such paths as ambiguous unless told otherwise.
     */
    private static final UriCompliance CONSUL_PATHS = UriCompliance.DEFAULT.with("CONSUL",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);

    private final HttpServerSettings settings;
    private final Server server;
    private final SslContextFactory.Server tls = new SslContextFactory.Server();
    private final ClientCertificateGate gate;

    /**
     * @param tlsContext what HTTPS serves with; required when the settings ask for HTTPS
     */
    public HttpServer(HttpServerSettings settings, RouteRegistry routes, QueryOptionsParser optionsParser,
            Optional<TlsContext> tlsContext) {
        this(settings, routes, optionsParser, tlsContext, Set.of());
    }

    /**
     * @param openPaths with a TLS context that wants a client certificate rather than needs one,
     *                  the raw paths served to a peer without one (server RPC's sign request);
     *                  every other request of such a peer is refused with 403
     */
    public HttpServer(HttpServerSettings settings, RouteRegistry routes, QueryOptionsParser optionsParser,
            Optional<TlsContext> tlsContext, Set<String> openPaths) {
        this.gate = new ClientCertificateGate(openPaths);
        if (settings.servesHttps() && tlsContext.isEmpty()) {
            throw new IllegalArgumentException("HTTPS asked for without a TLS context");
        }
        this.settings = settings;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("cairn-http");
        this.server = new Server(threads);
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setUriCompliance(CONSUL_PATHS);
        // Jetty gives every keep-alive connection that sends a second request its own cache of
        // parsed header lines, ~100 KB each at the default size: 10,000 blocking watchers that
        // re-issue their query took 1 GB and ran a 512 MB agent out of heap
        configuration.setHeaderCacheSize(0);
        HttpConfiguration secure = new HttpConfiguration(configuration);
        // agents are reached by address or any name: Consul checks no SNI host either
        secure.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        tlsContext.ifPresent(context -> configure(tls, context, gate));
        ClientConnectionLimiter limiter = new ClientConnectionLimiter(settings.maxConnsPerClient());
        for (String host : settings.hosts()) {
            if (settings.servesHttp()) {
                add(new ServerConnector(server, ACCEPTORS, SELECTORS, new LimitedHttpConnectionFactory(configuration, limiter)),
                        HTTP, host, settings.port());
            }
            if (settings.servesHttps()) {
                add(new ServerConnector(server, ACCEPTORS, SELECTORS, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                        new LimitedHttpConnectionFactory(secure, limiter)), HTTPS, host, settings.httpsPort());
            }
        }
        server.setHandler(new ApiHandler(routes, optionsParser, new JsonCodec(), settings.maxBodyBytes(), gate));
        // The handler never changes once started (routes change in the table, not here). A
        // dynamic server counts as blocking whatever its handler says, and Jetty then hands
        // every request from the selector to another thread; fixed, ApiHandler's own
        // non-blocking type holds and a request whose route answers at once is served where
        // it was read (ApiHandler sends the others to the pool).
        server.setDynamic(false);
    }

    public HttpServer(HttpServerSettings settings, RouteRegistry routes, QueryOptionsParser optionsParser) {
        this(settings, routes, optionsParser, Optional.empty());
    }

    /** Jetty's default number of acceptor threads. */
    private static final int ACCEPTORS = -1;
    /**
     * A selector per core: requests whose routes answer at once are served on the selector
     * thread that read them, so Jetty's default (half the cores) would leave a core idle.
     */
    static final int SELECTORS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** The listen backlog of every connector (the kernel caps it at net.core.somaxconn). */
    static final int ACCEPT_QUEUE = 1024;

    private void add(ServerConnector connector, String name, String host, int port) {
        connector.setName(name);
        connector.setHost(host);
        connector.setPort(port);
        // the JDK's default listen backlog is 50: a burst of clients (thousands of blocking
        // watchers reconnecting after a restart) overflows it and waits out SYN-ACK retransmits
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
    }

    private static void configure(SslContextFactory.Server factory, TlsContext context, ClientCertificateGate gate) {
        factory.setSslContext(context.sslContext());
        factory.setIncludeProtocols(context.protocols().toArray(String[]::new));
        if (!context.cipherSuites().isEmpty()) {
            factory.setIncludeCipherSuites(context.cipherSuites().toArray(String[]::new));
        }
        factory.setNeedClientAuth(context.needClientAuth());
        factory.setWantClientAuth(context.wantClientAuth());
        gate.enforce(context.wantClientAuth());
    }

    /** Binds every address and starts serving; on failure nothing stays bound. */
    public void start() throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        LOG.info("HTTP API listening on {} port {}{}", settings.hosts(), ports(),
                settings.servesHttps() ? ", HTTPS port " + httpsPorts() : "");
    }

    /**
     * New connections use this context from now on (rotated certificates, a changed CA);
     * the listener and open connections stay as they are.
     */
    public void reloadTls(TlsContext context) throws Exception {
        tls.reload(factory -> configure((SslContextFactory.Server) factory, context, gate));
    }

    /** The HTTP ports actually bound, in the order of {@link HttpServerSettings#hosts()}. */
    public List<Integer> ports() {
        return portsOf(HTTP);
    }

    /** The HTTPS ports actually bound, in the order of {@link HttpServerSettings#hosts()}. */
    public List<Integer> httpsPorts() {
        return portsOf(HTTPS);
    }

    private List<Integer> portsOf(String name) {
        return List.of(server.getConnectors()).stream()
                .filter(connector -> connector.getName().equals(name))
                .map(connector -> ((ServerConnector) connector).getLocalPort())
                .toList();
    }

    /** The connections open now on every listener, for metrics and tests. */
    int openConnections() {
        return List.of(server.getConnectors()).stream()
                .mapToInt(connector -> connector.getConnectedEndPoints().size())
                .sum();
    }

    public HttpServerSettings settings() {
        return settings;
    }

    @Override
    public void close() throws Exception {
        server.stop();
        server.join();
    }
}
