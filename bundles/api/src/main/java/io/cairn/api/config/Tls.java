package io.cairn.api.config;

/**
 * The {@code tls} block: {@code internal_rpc} covers server RPC and Raft (and holds
 * {@code verify_server_hostname}), {@code https} the HTTPS API, {@code grpc} the gRPC port;
 * each already carries what {@code defaults} sets and it does not override.
 */
public record Tls(TlsSettings defaults, TlsSettings internalRpc, TlsSettings https, TlsSettings grpc) {

    public Tls {
        defaults = defaults == null ? TlsSettings.none() : defaults;
        internalRpc = internalRpc == null ? defaults : internalRpc;
        https = https == null ? defaults : https;
        grpc = grpc == null ? defaults : grpc;
    }

    public static Tls none() {
        return new Tls(null, null, null, null);
    }
}
