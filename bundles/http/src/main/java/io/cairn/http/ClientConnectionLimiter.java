package io.cairn.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Counts open connections per client IP against {@code limits.http_max_conns_per_client}. */
public final class ClientConnectionLimiter {

    private final int maxPerClient;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    /** @param maxPerClient connections allowed per client; 0 for no limit */
    public ClientConnectionLimiter(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    /** Counts a new connection from the client, unless it already has as many as allowed. */
    public boolean tryAcquire(String client) {
        if (maxPerClient == 0) {
            return true;
        }
        boolean[] acquired = {false};
        open.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerClient) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Forgets one connection of the client; the entry goes when its last connection does. */
    public void release(String client) {
        if (maxPerClient != 0) {
            open.computeIfPresent(client, (key, count) -> count > 1 ? count - 1 : null);
        }
    }

    public int openConnections(String client) {
        return open.getOrDefault(client, 0);
    }
}
