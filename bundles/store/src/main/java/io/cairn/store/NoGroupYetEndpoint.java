package io.cairn.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/**
 * What a server answers while it waits for {@code bootstrap_expect} servers to form the Raft
 * group, as Consul's does: no leader ({@code ""}), no peers, and {@code 500 No cluster leader}
 * for the replicated state. Without it those paths would answer 404, which a client reads as
 * "no such key" or "no such service". Withdrawn when the group starts and the store's own
 * endpoints take the paths.
 */
public final class NoGroupYetEndpoint implements RouteProvider {

    private static final Set<String> ANY = Set.of("GET", "PUT", "POST", "DELETE");
    /** The store's paths: prefixes stand for every endpoint below them. */
    private static final List<String> STATE = List.of("/v1/kv/", "/v1/catalog/", "/v1/health/", "/v1/session/",
            "/v1/txn", "/v1/snapshot", "/v1/operator/raft/");

    @Override
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>(List.of(
                Route.get("/v1/status/leader", request -> HttpResponse.json("").completed()),
                Route.get("/v1/status/peers", request -> HttpResponse.json(List.of()).completed())));
        for (String path : STATE) {
            routes.add(new Route(path, ANY,
                    request -> CompletableFuture.failedFuture(new HttpException(500, "No cluster leader"))));
        }
        return List.copyOf(routes);
    }
}
