package io.cairn.http.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.Ports;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.http.ServerRpcPaths;
import io.cairn.api.metrics.Metrics;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsException;
import io.cairn.http.HttpServerSettings;
import io.cairn.http.RequestMetrics;

/**
 * The HTTP API in the container: serves on {@code client_addr}:{@code ports.http} (and
 * {@code ports.https} with {@code tls.https}) the routes of every {@link RouteProvider}
 * service, and follows config reloads, certificates included.
 */
@Component(immediate = true)
public class HttpServerComponent extends RoutedListenerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerComponent.class);

    /** Where each request's time goes ({@code consul.api.http}); requests are served without it too. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Metrics metrics;

    private final RequestMetrics requestMetrics = new RequestMetrics(() -> Optional.ofNullable(metrics));

    public HttpServerComponent() {
        // the sign request of auto_encrypt is server RPC's alone
        super(route -> !ServerRpcPaths.rpcOnly(route.path()));
    }

    @Override
    Route adapt(Route route) {
        return requestMetrics.adapt(route);
    }

    @Override
    void apply(AgentConfig config) {
        Optional<TlsContext> tls = httpsContext(config);
        int http = config.ports().http();
        int https = tls.isPresent() ? config.ports().https() : Ports.DISABLED;
        listener.apply(Ports.enabled(http) || Ports.enabled(https)
                ? Optional.of(HttpServerSettings.apiOf(config, https))
                : Optional.empty(), tls);
    }

    /** The HTTPS context, read from the files now; empty (and said why) when HTTPS cannot serve. */
    private Optional<TlsContext> httpsContext(AgentConfig config) {
        if (!Ports.enabled(config.ports().https())) {
            return Optional.empty();
        }
        try {
            return Optional.of(tlsContexts.server(config.tls().https()));
        } catch (TlsException e) {
            LOG.error("HTTPS on port {} not served: {}", config.ports().https(), e.getMessage());
            return Optional.empty();
        }
    }
}
