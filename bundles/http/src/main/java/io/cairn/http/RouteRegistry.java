package io.cairn.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/**
 * The live set of route providers. Changes are rare (bundles starting and stopping) and
 * serialised here; each change publishes a fresh {@link RouteTable} that request threads
 * read without locking. Providers keep their arrival order, so on a path claimed twice the
 * provider that came first keeps it.
 */
public final class RouteRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

    private final Map<RouteProvider, List<Route>> providers = new LinkedHashMap<>();
    private final Predicate<Route> served;
    private final UnaryOperator<Route> adapt;
    private volatile RouteTable table = RouteTable.EMPTY;

    /** Every provider's every route, as given. */
    public RouteRegistry() {
        this(route -> true, UnaryOperator.identity());
    }

    /**
     * @param served only the routes it accepts are served (server RPC serves the replicated state alone)
     * @param adapt  what each served route becomes (another data centre's requests sent there)
     */
    public RouteRegistry(Predicate<Route> served, UnaryOperator<Route> adapt) {
        this.served = served;
        this.adapt = adapt;
    }

    public synchronized void add(RouteProvider provider) {
        providers.put(provider, provider.routes().stream().filter(served).map(adapt).toList());
        rebuild();
    }

    public synchronized void remove(RouteProvider provider) {
        if (providers.remove(provider) != null) {
            rebuild();
        }
    }

    public RouteTable table() {
        return table;
    }

    private void rebuild() {
        List<Route> routes = new ArrayList<>();
        providers.values().forEach(routes::addAll);
        table = RouteTable.of(routes, (dropped, kept) -> LOG.warn(
                "HTTP route {} {} is already served by another provider; ignoring the later one",
                dropped.methods(), dropped.path()));
    }
}
