package io.cairn.rpc;

import java.util.List;

/**
 * Servers from the agent's {@code retry_join} addresses, for when membership has told of no
 * server yet: each host at the server RPC port, since a join address names the gossip port
 * (or none), never the RPC one. Cloud auto-join entries ({@code provider=...}) name no host
 * and are skipped.
 */
public final class ConfiguredServers {

    private ConfiguredServers() {
    }

    public static List<String> fromRetryJoin(List<String> retryJoin, int serverPort) {
        return retryJoin.stream()
                .filter(entry -> !entry.contains("="))
                .map(ConfiguredServers::host)
                .filter(host -> !host.isEmpty())
                .map(host -> (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + serverPort)
                .distinct()
                .toList();
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port} without the port. */
    static String host(String address) {
        String trimmed = address.trim();
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            return close < 0 ? trimmed : trimmed.substring(0, close + 1);
        }
        int colon = trimmed.indexOf(':');
        // more than one colon is a bare IPv6 address, which carries no port
        return colon >= 0 && colon == trimmed.lastIndexOf(':') ? trimmed.substring(0, colon) : trimmed;
    }
}
