package io.cairn.rpc;

import java.util.List;
import java.util.Optional;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.InMemoryCredentials;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;

/**
 * How this agent dials server RPC. TLS when it has a certificate (from {@code tls.internal_rpc}
 * files, or in memory from auto_encrypt), or when {@code verify_outgoing},
 * {@code verify_server_hostname} or {@code auto_encrypt.tls} is set (such servers listen on TLS
 * only); otherwise plain. The server's certificate is checked against the CA
 * ({@code ca_file}/{@code ca_path}, and the auto_encrypt CA's root a server returned) when
 * {@code verify_outgoing} is set, on its own or implied by {@code verify_server_hostname} or
 * {@code auto_encrypt.tls}; with {@code verify_server_hostname} it must also carry
 * {@code server.<dc>.<domain>}, so that a client certificate of the same CA cannot pose as a
 * server. Without {@code verify_outgoing} the server's certificate is not checked, as Consul.
 */
public final class InternalRpcTls {

    private InternalRpcTls() {
    }

    /** From the configuration's files alone. */
    public static Optional<TlsContext> of(AgentConfig config, TlsContexts contexts) throws TlsException {
        return of(config, contexts, Optional.empty(), List.of());
    }

    /**
     * @param own        auto_encrypt's certificate and key, held in memory; empty: the files' or none
     * @param extraRoots CA certificates trusted beside the files' (the auto_encrypt CA)
     */
    public static Optional<TlsContext> of(AgentConfig config, TlsContexts contexts, Optional<InMemoryCredentials> own,
            List<String> extraRoots) throws TlsException {
        TlsSettings internalRpc = config.tls().internalRpc();
        boolean files = internalRpc.certFile() != null && internalRpc.keyFile() != null;
        boolean verify = verifyOutgoing(config);
        if (!files && own.isEmpty() && !verify) {
            return Optional.empty();
        }
        Optional<String> name = internalRpc.verifyServerHostname() ? Optional.of(serverName(config)) : Optional.empty();
        if (own.isPresent() || !files) {
            return Optional.of(contexts.client(internalRpc, own, verify, name, extraRoots));
        }
        if (!verify) {
            return Optional.of(contexts.client(internalRpc, false, Optional.empty()));
        }
        if (name.isPresent()) {
            return Optional.of(contexts.client(internalRpc, true, name));
        }
        // the CA's signature only: servers are dialled by address, which their certificates do not name
        return Optional.of(contexts.server(internalRpc));
    }

    /** {@code verify_outgoing}, set or implied by {@code verify_server_hostname} or {@code auto_encrypt.tls}. */
    public static boolean verifyOutgoing(AgentConfig config) {
        TlsSettings internalRpc = config.tls().internalRpc();
        return internalRpc.verifyOutgoing() || internalRpc.verifyServerHostname() || config.autoEncrypt().tls();
    }

    /** The name every server certificate of the data centre carries: {@code server.dc1.consul}. */
    static String serverName(AgentConfig config) {
        return "server." + config.datacenter() + "." + domain(config);
    }

    static String domain(AgentConfig config) {
        return config.domain().endsWith(".")
                ? config.domain().substring(0, config.domain().length() - 1) : config.domain();
    }
}
