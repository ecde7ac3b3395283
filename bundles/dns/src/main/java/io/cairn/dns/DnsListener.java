package io.cairn.dns;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps at most one {@link DnsServer} running with the settings asked for last: starts it,
 * replaces it when the settings change (a config reload), stops it when DNS is turned off.
 */
public final class DnsListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsListener.class);

    private final Function<DnsSettings, QueryHandler> handlers;
    private DnsServer server;

    /** @param handlers builds the handler for a set of settings */
    public DnsListener(Function<DnsSettings, QueryHandler> handlers) {
        this.handlers = handlers;
    }

    /** Serves with these settings, or not at all when empty; a server that fails to bind is logged and left stopped. */
    public synchronized void apply(Optional<DnsSettings> wanted) {
        if (server != null && wanted.equals(Optional.of(server.handler().settings()))) {
            return;
        }
        stop();
        if (wanted.isEmpty()) {
            LOG.info("DNS disabled");
            return;
        }
        DnsSettings settings = wanted.get();
        DnsServer candidate = new DnsServer(settings.hosts(), settings.port(), handlers.apply(settings),
                new ResponseFitter(settings.config().udpAnswerLimit(), settings.config().enableTruncate()));
        try {
            candidate.start();
            server = candidate;
        } catch (IOException e) {
            LOG.error("DNS could not listen on {} port {}: {}", settings.hosts(), settings.port(), e.getMessage(), e);
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
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
