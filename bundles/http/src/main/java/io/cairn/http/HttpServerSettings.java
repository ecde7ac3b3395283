package io.cairn.http;

import java.util.List;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.Ports;

/**
 * How the HTTP server listens.
 *
 * @param hosts             the addresses to bind, one listener each (Consul's {@code client_addr}
 *                          may name several, space-separated)
 * @param port              the HTTP port, 0 for an ephemeral one (tests), {@link Ports#DISABLED} for none
 * @param httpsPort         the HTTPS port ({@code ports.https}), 0 for an ephemeral one,
 *                          {@link Ports#DISABLED} for none
 * @param maxBodyBytes      the largest request body accepted; larger gets 413 before it is read
 * @param maxConnsPerClient open connections allowed from one client IP
 *                          ({@code limits.http_max_conns_per_client}); 0 for no limit
 */
public record HttpServerSettings(List<String> hosts, int port, int httpsPort, long maxBodyBytes,
        int maxConnsPerClient) {

    /** Above Consul's 512 KiB KV value limit, so the KV endpoint can answer its own 413. */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    /** Consul's default {@code limits.http_max_conns_per_client}. */
    public static final int DEFAULT_MAX_CONNS_PER_CLIENT = 200;

    public HttpServerSettings {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no address to bind the HTTP server to");
        }
        if (port < Ports.DISABLED || port > 65535) {
            throw new IllegalArgumentException("HTTP port out of range: " + port);
        }
        if (httpsPort < Ports.DISABLED || httpsPort > 65535) {
            throw new IllegalArgumentException("HTTPS port out of range: " + httpsPort);
        }
        if (port == Ports.DISABLED && httpsPort == Ports.DISABLED) {
            throw new IllegalArgumentException("neither HTTP nor HTTPS port to listen on");
        }
        if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max body bytes out of range: " + maxBodyBytes);
        }
        if (maxConnsPerClient < 0) {
            throw new IllegalArgumentException("max connections per client is negative: " + maxConnsPerClient);
        }
    }

    /** On Consul's client_addr form: several addresses separated by spaces. */
    public static HttpServerSettings of(String clientAddr, int port, int httpsPort) {
        return new HttpServerSettings(List.of(clientAddr.trim().split("\\s+")), port, httpsPort,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONNS_PER_CLIENT);
    }

    /**
     * The HTTP API's listener of an agent: {@code client_addr} at {@code ports.http} (and
     * {@code ports.https} when a TLS context serves it), with {@code limits.http_max_conns_per_client}.
     */
    public static HttpServerSettings apiOf(AgentConfig config, int httpsPort) {
        return new HttpServerSettings(List.of(config.clientAddr().trim().split("\\s+")), config.ports().http(),
                httpsPort, DEFAULT_MAX_BODY_BYTES, config.limits().httpMaxConnsPerClient());
    }

    public boolean servesHttp() {
        return port != Ports.DISABLED;
    }

    public boolean servesHttps() {
        return httpsPort != Ports.DISABLED;
    }
}
