package io.cairn.api.http;

import java.util.List;

/**
 * The endpoints answered from the servers' replicated state (KV, catalog, health, sessions,
 * transactions, snapshots, Raft status). A server serves exactly these on its server RPC
 * port ({@code ports.server}); a client agent, which holds none of that state, passes them
 * on to a server. One list, so the two sides never disagree.
 */
public final class ReplicatedPaths {

    /** Route paths: ending with {@code /}, everything below; otherwise that path alone. */
    public static final List<String> PATHS = List.of(
            "/v1/kv/", "/v1/catalog/", "/v1/health/", "/v1/session/", "/v1/txn", "/v1/snapshot",
            "/v1/status/", "/v1/operator/");

    private ReplicatedPaths() {
    }

    /** Whether a route path (exact or prefix) is one of these endpoints. */
    public static boolean covers(String routePath) {
        return PATHS.stream().anyMatch(p -> p.endsWith("/") ? routePath.startsWith(p) : routePath.equals(p));
    }
}
