package io.cairn.api.config;

/**
 * Where each client-facing listener binds ({@code addresses { ... }}); every one falls back
 * to {@code client_addr}, which may hold several space-separated addresses.
 */
public record Addresses(String http, String https, String dns, String grpc) {
}
