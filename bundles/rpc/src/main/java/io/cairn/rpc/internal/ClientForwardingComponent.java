package io.cairn.rpc.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsContexts;
import io.cairn.rpc.AutoEncryptClient;
import io.cairn.rpc.AutoEncryptSigner;
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
    /** auto_encrypt: the client that asks for the certificate, before the agent has one. */
    private RpcClient bootstrapClient;
    private AutoEncryptClient autoEncrypt;
    private ScheduledExecutorService renewals;
    private boolean stopped;

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
        if (!config.autoEncrypt().tls()) {
            serve(config, new RpcClient(InternalRpcTls.of(config, tls)), configured, context);
            return;
        }
        // auto_encrypt: no forwarding until a server has signed this agent's certificate
        bootstrapClient = new RpcClient(InternalRpcTls.of(config, tls));
        bootstrapClient.start();
        renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-auto-encrypt");
            thread.setDaemon(true);
            return thread;
        });
        AutoEncryptSigner signer = new AutoEncryptSigner(() -> servers(configured), bootstrapClient,
                config.datacenter(), config.nodeName(), config.autoEncrypt().dnsSan(), config.autoEncrypt().ipSan());
        autoEncrypt = new AutoEncryptClient(() -> tls.signingRequest("client." + config.datacenter() + "."
                + domain(config)), signer, Clock.systemUTC(),
                (delay, task) -> renewals.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                obtained -> certificate(config, tls, obtained, configured, context));
        LOG.info("Client agent: auto_encrypt asks the servers for this agent's certificate (configured: {})", configured);
        autoEncrypt.start();
    }

    /** The first certificate starts forwarding; a renewed one is used by new connections. */
    private synchronized void certificate(AgentConfig config, TlsContexts tls, AutoEncryptClient.Obtained obtained,
                                          List<String> configured, BundleContext context) {
        if (stopped) {
            return;
        }
        try {
            Optional<TlsContext> mutual = InternalRpcTls.of(config, tls, Optional.of(obtained.credentials()),
                    obtained.roots());
            if (client == null) {
                serve(config, new RpcClient(mutual), configured, context);
            } else {
                client.reloadTls(mutual.orElseThrow());
            }
        } catch (Exception e) {
            LOG.error("auto_encrypt: the signed certificate cannot be used: {}", e.getMessage(), e);
        }
    }

    private void serve(AgentConfig config, RpcClient rpc, List<String> configured, BundleContext context)
            throws Exception {
        client = rpc;
        client.start();
        Forwarder forwarder = new Forwarder(new ServerSelector(() -> servers(configured), new SecureRandom()), client);
        registrations.add(context.registerService(RouteProvider.class, new ForwardingRoutes(forwarder), null));
        registrations.add(context.registerService(Catalog.class, new ForwardingCatalog(forwarder), null));
        LOG.info("Client agent: replicated-state requests go to the servers over server RPC (configured: {})",
                configured);
    }

    private static String domain(AgentConfig config) {
        return config.domain().endsWith(".") ? config.domain().substring(0, config.domain().length() - 1)
                : config.domain();
    }

    private List<String> servers(List<String> configured) {
        ServerDiscovery current = discovery;
        List<String> discovered = current == null ? List.of()
                : current.servers().stream().map(ServerCandidate::serverAddress).toList();
        return discovered.isEmpty() ? configured : discovered;
    }

    @Deactivate
    synchronized void deactivate() throws Exception {
        stopped = true;
        if (autoEncrypt != null) {
            autoEncrypt.stop();
        }
        if (renewals != null) {
            renewals.shutdownNow();
        }
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        if (client != null) {
            client.close();
        }
        if (bootstrapClient != null) {
            bootstrapClient.close();
        }
    }
}
