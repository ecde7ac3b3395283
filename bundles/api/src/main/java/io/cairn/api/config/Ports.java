package io.cairn.api.config;

/**
 * The agent's listening ports ({@code ports { ... }}); {@value #DISABLED} turns a listener off.
 *
 * <p>{@code raft} is Cairn's own key: Raft replication between servers runs on its own port
 * (default 8303) so that {@code server} (8300) stays the port agents dial for server RPC.
 */
public record Ports(int http, int https, int dns, int server, int serfLan, int serfWan, int grpc, int raft) {

    public static final int DISABLED = -1;

    /** Consul's defaults: HTTPS and gRPC off. */
    public static Ports defaults() {
        return new Ports(8500, DISABLED, 8600, 8300, 8301, 8302, DISABLED, 8303);
    }

    public static boolean enabled(int port) {
        return port > 0;
    }
}
