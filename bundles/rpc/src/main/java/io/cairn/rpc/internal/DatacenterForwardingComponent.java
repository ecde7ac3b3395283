package io.cairn.rpc.internal;

import java.security.SecureRandom;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.cairn.api.config.AgentConfigService;
import io.cairn.api.http.DatacenterForwarder;
import io.cairn.api.membership.Membership;
import io.cairn.api.tls.TlsContexts;
import io.cairn.rpc.DatacenterForwarding;
import io.cairn.rpc.InternalRpcTls;
import io.cairn.rpc.RpcClient;
import io.cairn.rpc.WanServers;

/**
 * On a server agent: provides the {@link DatacenterForwarder} that sends {@code ?dc=other}
 * requests to a server of that data centre, found in the WAN pool. A client agent has no WAN
 * pool; its servers do this for it.
 */
@Component(immediate = true, service = {})
public class DatacenterForwardingComponent {

    private RpcClient client;
    private ServiceRegistration<DatacenterForwarder> registration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Membership membership;

    @Activate
    public DatacenterForwardingComponent(@Reference(name = "config") AgentConfigService config,
                                         @Reference(name = "tls") TlsContexts tls, BundleContext context)
            throws Exception {
        if (!config.current().server()) {
            return;
        }
        client = new RpcClient(InternalRpcTls.of(config.current(), tls));
        client.start();
        registration = context.registerService(DatacenterForwarder.class,
                new DatacenterForwarding(this::wanServers, client, new SecureRandom()), null);
    }

    private List<String> wanServers(String datacenter) {
        Membership pools = membership;
        return pools == null ? List.of() : WanServers.of(pools.members(true), datacenter);
    }

    @Deactivate
    void deactivate() throws Exception {
        if (registration != null) {
            registration.unregister();
        }
        if (client != null) {
            client.close();
        }
    }
}
