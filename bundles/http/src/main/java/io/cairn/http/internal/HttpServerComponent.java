package io.cairn.http.internal;

import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.config.Ports;
import io.cairn.api.http.DatacenterForwarder;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;
import io.cairn.http.DatacenterRouting;
import io.cairn.http.HttpListener;
import io.cairn.http.HttpServerSettings;
import io.cairn.http.QueryOptionsParser;
import io.cairn.http.RouteRegistry;

/**
 * The HTTP API in the container: serves on {@code client_addr}:{@code ports.http} (and
 * {@code ports.https} with {@code tls.https}) the routes of every {@link RouteProvider}
 * service, and follows config reloads, certificates included.
 */
@Component(immediate = true)
public class HttpServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServerComponent.class);

    private final RouteRegistry routes = new RouteRegistry(route -> true,
            new DatacenterRouting(() -> this.config.current(), () -> Optional.ofNullable(this.datacenterForwarder))::adapt);
    private final HttpListener listener = new HttpListener(routes, new QueryOptionsParser());
    private final Consumer<AgentConfig> onReload = this::apply;

    @Reference
    private AgentConfigService config;

    @Reference
    private TlsContexts tlsContexts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DatacenterForwarder datacenterForwarder;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRouteProvider(RouteProvider provider) {
        routes.add(provider);
    }

    void removeRouteProvider(RouteProvider provider) {
        routes.remove(provider);
    }

    @Activate
    void activate() {
        config.addListener(onReload);
        apply(config.current());
    }

    @Deactivate
    void deactivate() {
        config.removeListener(onReload);
        listener.close();
    }

    private void apply(AgentConfig config) {
        Optional<TlsContext> tls = httpsContext(config);
        int http = config.ports().http();
        int https = tls.isPresent() ? config.ports().https() : Ports.DISABLED;
        listener.apply(Ports.enabled(http) || Ports.enabled(https)
                ? Optional.of(HttpServerSettings.of(config.clientAddr(), http, https))
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
