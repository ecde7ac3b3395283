package io.cairn.http.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.http.ServerRpcPaths;
import io.cairn.api.tls.AutoEncryptCa;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsException;
import io.cairn.http.ServerRpc;

/**
 * On a server agent: serves server RPC on {@code bind_addr}:{@code ports.server} (see
 * {@link ServerRpc}) from the replicated-state routes, following config reloads. A client agent
 * listens on no RPC port. With {@code auto_encrypt.allow_tls} the listener trusts the
 * auto_encrypt CA (once the store publishes it) beside {@code ca_file}, and with
 * {@code verify_incoming} wants rather than needs a client certificate: a peer without one
 * gets the sign request only.
 */
@Component(immediate = true)
public class ServerRpcComponent extends RoutedListenerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRpcComponent.class);

    private volatile AutoEncryptCa autoEncryptCa;
    private volatile boolean applied;

    public ServerRpcComponent() {
        super(ServerRpc::serves);
        listener.openWithoutCertificate(Set.of(ServerRpcPaths.AUTO_ENCRYPT_SIGN));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindAutoEncryptCa")
    void bindAutoEncryptCa(AutoEncryptCa ca) {
        autoEncryptCa = ca;
        if (applied) {
            apply(config.current());
        }
    }

    void unbindAutoEncryptCa(AutoEncryptCa ca) {
        if (autoEncryptCa == ca) {
            autoEncryptCa = null;
        }
    }

    @Override
    void apply(AgentConfig config) {
        applied = true;
        if (!config.server()) {
            return;
        }
        if (!ServerRpc.tlsConfigured(config.tls().internalRpc())) {
            listener.apply(ServerRpc.settingsOf(config, false), Optional.empty());
            return;
        }
        try {
            listener.apply(ServerRpc.settingsOf(config, true), Optional.of(context(config)));
        } catch (TlsException e) {
            // never fall back to plain: with verify_incoming that would let anyone in
            LOG.error("Server RPC on port {} not served: {}", config.ports().server(), e.getMessage());
            listener.apply(Optional.empty(), Optional.empty());
        }
    }

    private TlsContext context(AgentConfig config) throws TlsException {
        if (!config.autoEncrypt().allowTls()) {
            return tlsContexts.server(config.tls().internalRpc());
        }
        AutoEncryptCa ca = autoEncryptCa;
        return tlsContexts.serverWithAutoEncrypt(config.tls().internalRpc(), ca == null ? List.of() : List.of(ca.rootPem()));
    }
}
