package io.cairn.http.internal;

import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.http.DatacenterForwarder;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;
import io.cairn.http.DatacenterRouting;
import io.cairn.http.HttpListener;
import io.cairn.http.QueryOptionsParser;
import io.cairn.http.RouteRegistry;
import io.cairn.http.ServerRpc;

/**
 * On a server agent: serves server RPC on {@code bind_addr}:{@code ports.server} (see
 * {@link ServerRpc}) from the replicated-state routes of the {@link RouteProvider} services,
 * following config reloads. A client agent listens on no RPC port.
 */
@Component(immediate = true)
public class ServerRpcComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRpcComponent.class);

    private final RouteRegistry routes = new RouteRegistry(ServerRpc::serves,
            new DatacenterRouting(() -> this.config.current(), () -> Optional.ofNullable(this.datacenterForwarder))::adapt);
    private final HttpListener listener = new HttpListener(routes, new QueryOptionsParser());
    private final Consumer<AgentConfig> onReload = this::apply;

    @Reference
    private AgentConfigService config;

    @Reference
    private TlsContexts tlsContexts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DatacenterForwarder datacenterForwarder;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRouteProvider(RouteProvider provider) {
        routes.add(provider);
    }

    void removeRouteProvider(RouteProvider provider) {
        routes.remove(provider);
    }

    @Activate
    void activate() {
        config.addListener(onReload);
        apply(config.current());
    }

    @Deactivate
    void deactivate() {
        config.removeListener(onReload);
        listener.close();
    }

    private void apply(AgentConfig config) {
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
