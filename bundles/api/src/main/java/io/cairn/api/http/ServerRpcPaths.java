package io.cairn.api.http;

/**
 * Endpoints served on a server's RPC port ({@code ports.server}) only, never on the HTTP
 * API and never passed on by a client agent.
 *
 * @since 1.2
 */
public final class ServerRpcPaths {

    /**
     * Consul's {@code AutoEncrypt.Sign}: a client agent's certificate request, signed by the
     * auto_encrypt CA. The one request a server with {@code auto_encrypt.allow_tls} serves to
     * a peer that presents no certificate.
     */
    public static final String AUTO_ENCRYPT_SIGN = "/v1/internal/auto-encrypt/sign";

    private ServerRpcPaths() {
    }

    /** Whether a route path is served on the RPC port only. */
    public static boolean rpcOnly(String routePath) {
        return routePath.equals(AUTO_ENCRYPT_SIGN);
    }
}
