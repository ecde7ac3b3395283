package io.cairn.http.internal;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.http.DatacenterForwarder;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.tls.TlsContexts;
import io.cairn.http.DatacenterRouting;
import io.cairn.http.HttpListener;
import io.cairn.http.QueryOptionsParser;
import io.cairn.http.RouteRegistry;

/**
 * What the HTTP API and server RPC listeners share: the routes of every {@link RouteProvider}
 * this listener serves, {@code ?dc} forwarding, and following config reloads. A subclass says
 * which routes it serves and where it listens ({@link #apply}). (The DS annotations here are
 * inherited: {@code -dsannotations-options: inherit} in this bundle's pom.)
 */
abstract class RoutedListenerComponent {

    private final RouteRegistry routes;
    final HttpListener listener;
    private final Consumer<AgentConfig> onReload = this::apply;

    @Reference
    AgentConfigService config;

    @Reference
    TlsContexts tlsContexts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DatacenterForwarder datacenterForwarder;

    RoutedListenerComponent(Predicate<Route> serves) {
        UnaryOperator<Route> forwarding = new DatacenterRouting(() -> config.current(),
                () -> Optional.ofNullable(datacenterForwarder))::adapt;
        routes = new RouteRegistry(serves, route -> adapt(forwarding.apply(route)));
        listener = new HttpListener(routes, new QueryOptionsParser());
    }

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

    /** What each served route becomes besides {@code ?dc} forwarding; called as providers come, never before. */
    Route adapt(Route route) {
        return route;
    }

    /** Starts, moves or stops the listener for this configuration. */
    abstract void apply(AgentConfig config);
}
