package io.cairn.http.internal;

import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.config.Ports;
import io.cairn.api.http.RouteProvider;
import io.cairn.http.HttpListener;
import io.cairn.http.HttpServerSettings;
import io.cairn.http.QueryOptionsParser;
import io.cairn.http.RouteRegistry;

/**
 * The HTTP API in the container: serves on {@code client_addr}:{@code ports.http} the routes
 * of every {@link RouteProvider} service, and follows config reloads.
 */
@Component(immediate = true)
public class HttpServerComponent {

    private final RouteRegistry routes = new RouteRegistry();
    private final HttpListener listener = new HttpListener(routes, new QueryOptionsParser());
    private final Consumer<AgentConfig> onReload = config -> listener.apply(settingsOf(config));

    @Reference
    private AgentConfigService config;

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
        listener.apply(settingsOf(config.current()));
    }

    @Deactivate
    void deactivate() {
        config.removeListener(onReload);
        listener.close();
    }

    private static Optional<HttpServerSettings> settingsOf(AgentConfig config) {
        int port = config.ports().http();
        return Ports.enabled(port)
                ? Optional.of(HttpServerSettings.of(config.clientAddr(), port))
                : Optional.empty();
    }
}
