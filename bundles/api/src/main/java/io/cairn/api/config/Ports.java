package io.cairn.api.config;

/**
 * The agent's listening ports ({@code ports { ... }}); {@value #DISABLED} turns a listener off.
 *
 * <p>{@code raft} is Cairn's own key: Raft replication between servers runs on its own port
 * (default 8303) so that {@code server} (8300) stays the port agents dial for server RPC.
 *
 * <p>{@code shell} is Cairn's own key too: Karaf's SSH console on the agent's client address,
 * off unless set (agents never collide on a fixed side port).
 */
public record Ports(int http, int https, int dns, int server, int serfLan, int serfWan, int grpc, int raft, int shell) {

    public static final int DISABLED = -1;

    /** The ports of API 1.1, without a shell port (the SSH console off). */
    public Ports(int http, int https, int dns, int server, int serfLan, int serfWan, int grpc, int raft) {
        this(http, https, dns, server, serfLan, serfWan, grpc, raft, DISABLED);
    }

    /** Consul's defaults: HTTPS and gRPC off; and Cairn's: the SSH console off. */
    public static Ports defaults() {
        return new Ports(8500, DISABLED, 8600, 8300, 8301, 8302, DISABLED, 8303, DISABLED);
    }

    public static boolean enabled(int port) {
        return port > 0;
    }
}
