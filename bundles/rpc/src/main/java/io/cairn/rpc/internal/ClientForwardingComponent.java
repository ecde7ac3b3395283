package io.cairn.rpc.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.consensus.ServerDiscovery;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.tls.TlsContexts;
import io.cairn.rpc.ConfiguredServers;
import io.cairn.rpc.Forwarder;
import io.cairn.rpc.ForwardingCatalog;
import io.cairn.rpc.ForwardingRoutes;
import io.cairn.rpc.InternalRpcTls;
import io.cairn.rpc.RpcClient;
import io.cairn.rpc.ServerSelector;

/**
 * On a client agent, which runs no store: answers the replicated-state routes and provides
 * {@link Catalog} by passing every call on to a server's server RPC port. The servers come
 * from {@link ServerDiscovery} when membership provides one and knows a server, else from
 * {@code retry_join} at the server port. A server agent runs none of this.
 */
@Component(immediate = true, service = {})
public class ClientForwardingComponent {

    private static final Logger LOG = LoggerFactory.getLogger(ClientForwardingComponent.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private RpcClient client;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServerDiscovery discovery;

    @Activate
    public ClientForwardingComponent(@Reference(name = "config") AgentConfigService configService,
                                     @Reference(name = "tls") TlsContexts tls, BundleContext context) throws Exception {
        AgentConfig config = configService.current();
        if (config.server()) {
            return;
        }
        List<String> configured = ConfiguredServers.fromRetryJoin(config.retryJoin(), config.ports().server());
        client = new RpcClient(InternalRpcTls.of(config, tls));
        client.start();
        Forwarder forwarder = new Forwarder(new ServerSelector(() -> servers(configured), new SecureRandom()), client);
        registrations.add(context.registerService(RouteProvider.class, new ForwardingRoutes(forwarder), null));
        registrations.add(context.registerService(Catalog.class, new ForwardingCatalog(forwarder), null));
        LOG.info("Client agent: replicated-state requests go to the servers over server RPC (configured: {})",
                configured);
    }

    private List<String> servers(List<String> configured) {
        ServerDiscovery current = discovery;
        List<String> discovered = current == null ? List.of()
                : current.servers().stream().map(ServerCandidate::serverAddress).toList();
        return discovered.isEmpty() ? configured : discovered;
    }

    @Deactivate
    void deactivate() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        if (client != null) {
            client.close();
        }
    }
}
