package io.cairn.http;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.tls.TlsContext;

/**
 * Keeps at most one {@link HttpServer} running with the settings asked for last: starts it,
 * restarts it when the settings change (a config reload moving the address or port), stops
 * it when HTTP is turned off, and hands HTTPS a new TLS context without a restart. The route
 * table outlives the restarts.
 */
public final class HttpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    private final RouteRegistry routes;
    private final QueryOptionsParser optionsParser;
    private HttpServer server;
    private volatile Set<String> openPaths = Set.of();

    public HttpListener(RouteRegistry routes, QueryOptionsParser optionsParser) {
        this.routes = routes;
        this.optionsParser = optionsParser;
    }

    /**
     * The raw paths served to a TLS peer without a certificate where the context wants one
     * rather than needs one (server RPC's auto_encrypt sign request); for servers started from now on.
     */
    public void openWithoutCertificate(Set<String> paths) {
        openPaths = Set.copyOf(paths);
    }

    public void apply(Optional<HttpServerSettings> wanted) {
        apply(wanted, Optional.empty());
    }

    /**
     * Serves with these settings, or not at all when empty; HTTPS with this TLS context. A
     * server that fails to bind is logged and left stopped, so the next call (a reload) tries
     * again.
     */
    public synchronized void apply(Optional<HttpServerSettings> wanted, Optional<TlsContext> tls) {
        if (server != null && wanted.equals(Optional.of(server.settings()))) {
            reloadTls(tls);
            return;
        }
        stop();
        if (wanted.isEmpty()) {
            LOG.info("HTTP API disabled");
            return;
        }
        HttpServer candidate = new HttpServer(wanted.get(), routes, optionsParser, tls, openPaths);
        try {
            candidate.start();
            server = candidate;
        } catch (Exception e) {
            LOG.error("HTTP API could not listen on {} port {}: {}", wanted.get().hosts(), wanted.get().port(),
                    e.getMessage(), e);
        }
    }

    private void reloadTls(Optional<TlsContext> tls) {
        if (tls.isEmpty() || !server.settings().servesHttps()) {
            return;
        }
        try {
            server.reloadTls(tls.get());
            LOG.info("HTTPS certificates reloaded");
        } catch (Exception e) {
            LOG.error("HTTPS keeps its previous certificates: {}", e.getMessage(), e);
        }
    }

    /** The HTTP ports bound now; empty when not serving. */
    public synchronized List<Integer> ports() {
        return server == null ? List.of() : server.ports();
    }

    /** The HTTPS ports bound now; empty when not serving HTTPS. */
    public synchronized List<Integer> httpsPorts() {
        return server == null ? List.of() : server.httpsPorts();
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
