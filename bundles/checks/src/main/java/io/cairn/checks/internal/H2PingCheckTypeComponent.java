package io.cairn.checks.internal;

import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.cairn.api.check.CheckType;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.tls.TlsContexts;
import io.cairn.checks.H2PingCheckType;
import io.cairn.checks.Http2Clients;

/** The built-in {@code h2ping} check type; TLS (unless {@code H2PingUseTLS} is false) with the agent's {@code tls.internal_rpc} settings, as Consul's. */
@Component(service = CheckType.class, property = CheckType.TYPE_PROPERTY + "=" + H2PingCheckType.NAME)
public class H2PingCheckTypeComponent extends PublishedCheckType {

    private final AgentConfigService config;
    private final Http2Clients clients;
    private final Consumer<AgentConfig> onReload;

    @Activate
    public H2PingCheckTypeComponent(@Reference AgentConfigService config, @Reference TlsContexts tls) throws Exception {
        this.config = config;
        clients = new Http2Clients((verify, serverName) ->
                tls.client(config.current().tls().internalRpc(), verify, serverName));
        onReload = reloaded -> clients.retire();
        config.addListener(onReload);
        publish(new H2PingCheckType(clients));
    }

    @Deactivate
    void deactivate() throws Exception {
        config.removeListener(onReload);
        clients.close();
    }
}
