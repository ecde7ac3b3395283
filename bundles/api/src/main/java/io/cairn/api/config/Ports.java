package io.cairn.api.config;

/**
 * The agent's listening ports ({@code ports { ... }}); {@value #DISABLED} turns a listener off.
 */
public record Ports(int http, int https, int dns, int server, int serfLan, int serfWan, int grpc) {

    public static final int DISABLED = -1;

    /** Consul's defaults: HTTPS and gRPC off. */
    public static Ports defaults() {
        return new Ports(8500, DISABLED, 8600, 8300, 8301, 8302, DISABLED);
    }

    public static boolean enabled(int port) {
        return port > 0;
    }
}
