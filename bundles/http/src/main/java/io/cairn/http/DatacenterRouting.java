package io.cairn.http;

import java.util.Optional;
import java.util.function.Supplier;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.http.DatacenterForwarder;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteHandler;

/**
 * On a server, a replicated-state request for another data centre ({@code ?dc=dc2}) goes to
 * that data centre through the {@link DatacenterForwarder} instead of to the local store, as
 * Consul's servers forward over the WAN. A client agent passes such requests to its own
 * servers unchanged, so nothing is adapted there.
 */
public final class DatacenterRouting {

    private final Supplier<AgentConfig> config;
    private final Supplier<Optional<DatacenterForwarder>> forwarder;

    public DatacenterRouting(Supplier<AgentConfig> config, Supplier<Optional<DatacenterForwarder>> forwarder) {
        this.config = config;
        this.forwarder = forwarder;
    }

    /** The route, answering other data centres' requests through the forwarder when it is replicated state. */
    public Route adapt(Route route) {
        if (!ServerRpc.serves(route)) {
            return route;
        }
        RouteHandler local = route.handler();
        return new Route(route.path(), route.methods(), request -> {
            AgentConfig agent = config.get();
            Optional<String> remote = request.options().datacenter()
                    .filter(dc -> agent.server() && !dc.equals(agent.datacenter()));
            if (remote.isEmpty()) {
                return local.handle(request);
            }
            DatacenterForwarder wan = forwarder.get()
                    .orElseThrow(() -> new HttpException(500, DatacenterForwarder.NO_PATH));
            return wan.forward(remote.get(), request);
        });
    }
}
