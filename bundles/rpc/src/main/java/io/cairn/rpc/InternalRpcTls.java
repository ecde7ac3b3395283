package io.cairn.rpc;

import java.util.Optional;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;

/**
 * How this agent dials server RPC: with {@code tls.internal_rpc} certificates, over TLS with
 * its own certificate (what a server with {@code verify_incoming} asks for) and the CA of
 * {@code ca_file} as trust, since such servers listen on TLS only; otherwise plain. With
 * {@code verify_server_hostname} the server must also hold a certificate for
 * {@code server.<dc>.<domain>}, so that a client certificate of the same CA cannot pose as a
 * server; without it the CA's signature is what is checked, as Consul does.
 */
public final class InternalRpcTls {

    private InternalRpcTls() {
    }

    public static Optional<TlsContext> of(AgentConfig config, TlsContexts contexts) throws TlsException {
        TlsSettings internalRpc = config.tls().internalRpc();
        if (internalRpc.certFile() == null || internalRpc.keyFile() == null) {
            return Optional.empty();
        }
        if (internalRpc.verifyServerHostname()) {
            return Optional.of(contexts.client(internalRpc, true, Optional.of(serverName(config))));
        }
        return Optional.of(contexts.server(internalRpc));
    }

    /** The name every server certificate of the data centre carries: {@code server.dc1.consul}. */
    static String serverName(AgentConfig config) {
        String domain = config.domain().endsWith(".")
                ? config.domain().substring(0, config.domain().length() - 1) : config.domain();
        return "server." + config.datacenter() + "." + domain;
    }
}
