package io.cairn.http.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsException;
import io.cairn.http.ServerRpc;

/**
 * On a server agent: serves server RPC on {@code bind_addr}:{@code ports.server} (see
 * {@link ServerRpc}) from the replicated-state routes, following config reloads. A client agent
 * listens on no RPC port.
 */
@Component(immediate = true)
public class ServerRpcComponent extends RoutedListenerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRpcComponent.class);

    public ServerRpcComponent() {
        super(ServerRpc::serves);
    }

    @Override
    void apply(AgentConfig config) {
        if (!config.server()) {
            return;
        }
        if (!ServerRpc.tlsConfigured(config.tls().internalRpc())) {
            listener.apply(ServerRpc.settingsOf(config, false), Optional.empty());
            return;
        }
        try {
            TlsContext tls = tlsContexts.server(config.tls().internalRpc());
            listener.apply(ServerRpc.settingsOf(config, true), Optional.of(tls));
        } catch (TlsException e) {
            // never fall back to plain: with verify_incoming that would let anyone in
            LOG.error("Server RPC on port {} not served: {}", config.ports().server(), e.getMessage());
            listener.apply(Optional.empty(), Optional.empty());
        }
    }
}
