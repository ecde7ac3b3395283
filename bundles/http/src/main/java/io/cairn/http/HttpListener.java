package io.cairn.http;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps at most one {@link HttpServer} running with the settings asked for last: starts it,
 * restarts it when the settings change (a config reload moving the address or port), stops
 * it when HTTP is turned off. The route table outlives the restarts.
 */
public final class HttpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    private final RouteRegistry routes;
    private final QueryOptionsParser optionsParser;
    private HttpServer server;

    public HttpListener(RouteRegistry routes, QueryOptionsParser optionsParser) {
        this.routes = routes;
        this.optionsParser = optionsParser;
    }

    /**
     * Serves with these settings, or not at all when empty. A server that fails to bind is
     * logged and left stopped, so the next call (a reload) tries again.
     */
    public synchronized void apply(Optional<HttpServerSettings> wanted) {
        if (server != null && wanted.equals(Optional.of(server.settings()))) {
            return;
        }
        stop();
        if (wanted.isEmpty()) {
            LOG.info("HTTP API disabled");
            return;
        }
        HttpServer candidate = new HttpServer(wanted.get(), routes, optionsParser);
        try {
            candidate.start();
            server = candidate;
        } catch (Exception e) {
            LOG.error("HTTP API could not listen on {} port {}: {}", wanted.get().hosts(), wanted.get().port(),
                    e.getMessage(), e);
        }
    }

    /** The ports bound now; empty when not serving. */
    public synchronized List<Integer> ports() {
        return server == null ? List.of() : server.ports();
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            LOG.warn("HTTP API did not stop cleanly", e);
        }
        server = null;
    }
}
