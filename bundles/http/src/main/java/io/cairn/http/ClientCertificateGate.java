package io.cairn.http;

import java.util.Set;

/**
 * Server RPC with {@code auto_encrypt.allow_tls} and {@code verify_incoming}: the handshake
 * asks for a client certificate without requiring one (a client agent has none until the
 * servers sign it one), so the requirement is enforced here, per request: a peer without a
 * verified certificate gets the open paths (the sign request) and nothing else. A certificate
 * that is presented is always verified by the handshake itself.
 */
public final class ClientCertificateGate {

    /** What a refused peer reads. */
    public static final String REFUSAL = "client certificate required: without one, server RPC serves the"
            + " auto_encrypt sign request only";

    private final Set<String> open;
    private volatile boolean enforced;

    /** @param open the raw paths served to a peer without a certificate */
    public ClientCertificateGate(Set<String> open) {
        this.open = Set.copyOf(open);
    }

    /** A gate that admits every request: the handshake decides alone. */
    public static ClientCertificateGate none() {
        return new ClientCertificateGate(Set.of());
    }

    /** Turns the per-request requirement on (a TLS context that wants, not needs, a certificate) or off. */
    public void enforce(boolean on) {
        enforced = on;
    }

    public boolean enforced() {
        return enforced;
    }

    /**
     * @param rawPath         the request's path as sent
     * @param peerCertificate whether the connection's peer presented a (verified) certificate
     */
    public boolean admits(String rawPath, boolean peerCertificate) {
        return !enforced || peerCertificate || open.contains(rawPath);
    }
}
