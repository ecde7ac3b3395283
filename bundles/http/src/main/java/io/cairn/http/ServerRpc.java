package io.cairn.http;

import java.util.List;
import java.util.Optional;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.Ports;
import io.cairn.api.config.TlsSettings;
import io.cairn.api.http.ReplicatedPaths;
import io.cairn.api.http.Route;
import io.cairn.api.http.ServerRpcPaths;

/**
 * A server's RPC listener, what client agents dial ({@code ports.server}, 8300): the routes of
 * the replicated state ({@link ReplicatedPaths}) over the same server classes as the HTTP API,
 * on {@code bind_addr}. With {@code tls.internal_rpc} it speaks TLS only, and with
 * {@code verify_incoming} a peer without a certificate of the agents' CA gets no connection.
 */
public final class ServerRpc {

    private ServerRpc() {
    }

    /** Whether a route is served on the RPC port. */
    public static boolean serves(Route route) {
        return ReplicatedPaths.covers(route.path()) || ServerRpcPaths.rpcOnly(route.path());
    }

    /** Whether {@code tls.internal_rpc} gives this agent a certificate to serve with. */
    public static boolean tlsConfigured(TlsSettings internalRpc) {
        return internalRpc.certFile() != null && internalRpc.keyFile() != null;
    }

    /**
     * How a server listens for RPC: plain, or TLS only when {@code tls} (one port either way);
     * empty on a client agent or with {@code ports.server = -1}.
     */
    public static Optional<HttpServerSettings> settingsOf(AgentConfig config, boolean tls) {
        int port = config.ports().server();
        if (!config.server() || !Ports.enabled(port)) {
            return Optional.empty();
        }
        // no per-client limit: a client agent carries all of its users' requests, each parked
        // blocking query on a connection of its own
        return Optional.of(new HttpServerSettings(List.of(config.bindAddr()), tls ? Ports.DISABLED : port,
                tls ? port : Ports.DISABLED, HttpServerSettings.DEFAULT_MAX_BODY_BYTES, 0));
    }
}
