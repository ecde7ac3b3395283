package io.cairn.http;

import java.util.List;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP API listener: Jetty 12 core on the configured addresses, serving the
 * routes of a {@link RouteRegistry}. Stopping it stops every thread it started.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

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

    public HttpServer(HttpServerSettings settings, RouteRegistry routes, QueryOptionsParser optionsParser) {
        this.settings = settings;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("cairn-http");
        this.server = new Server(threads);
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        configuration.setUriCompliance(CONSUL_PATHS);
        ClientConnectionLimiter limiter = new ClientConnectionLimiter(settings.maxConnsPerClient());
        for (String host : settings.hosts()) {
            ServerConnector connector = new ServerConnector(server,
                    new LimitedHttpConnectionFactory(configuration, limiter));
            connector.setHost(host);
            connector.setPort(settings.port());
            server.addConnector(connector);
        }
        server.setHandler(new ApiHandler(routes, optionsParser, new JsonCodec(), settings.maxBodyBytes()));
    }

    /** Binds every address and starts serving; on failure nothing stays bound. */
    public void start() throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        LOG.info("HTTP API listening on {} port {}", settings.hosts(), ports());
    }

    /** The ports actually bound, in the order of {@link HttpServerSettings#hosts()}. */
    public List<Integer> ports() {
        return List.of(server.getConnectors()).stream()
                .map(connector -> ((ServerConnector) connector).getLocalPort())
                .toList();
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
