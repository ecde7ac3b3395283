package io.cairn.rpc;

import java.util.Optional;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;

/**
 * How this agent dials server RPC: with {@code tls.internal_rpc} certificates, over TLS with
 * its own certificate (what a server with {@code verify_incoming} asks for) and the CA of
 * {@code ca_file} as trust, since such servers listen on TLS only; otherwise plain.
 */
public final class InternalRpcTls {

    private InternalRpcTls() {
    }

    public static Optional<TlsContext> of(TlsSettings internalRpc, TlsContexts contexts) throws TlsException {
        if (internalRpc.certFile() == null || internalRpc.keyFile() == null) {
            return Optional.empty();
        }
        return Optional.of(contexts.server(internalRpc));
    }
}
