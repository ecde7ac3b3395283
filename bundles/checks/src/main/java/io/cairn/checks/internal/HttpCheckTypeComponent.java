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
import io.cairn.checks.HttpCheckType;
import io.cairn.checks.HttpClients;

/** The built-in {@code http} check type; HTTPS with the agent's {@code tls.internal_rpc} settings, as Consul's. */
@Component(service = CheckType.class, property = CheckType.TYPE_PROPERTY + "=" + HttpCheckType.NAME)
public class HttpCheckTypeComponent extends PublishedCheckType {

    private final AgentConfigService config;
    private final HttpClients clients;
    private final Consumer<AgentConfig> onReload;

    @Activate
    public HttpCheckTypeComponent(@Reference AgentConfigService config, @Reference TlsContexts tls) throws Exception {
        this.config = config;
        clients = new HttpClients((verify, serverName) ->
                tls.client(config.current().tls().internalRpc(), verify, serverName));
        onReload = reloaded -> clients.retire();
        config.addListener(onReload);
        publish(new HttpCheckType(clients));
    }

    @Deactivate
    void deactivate() throws Exception {
        config.removeListener(onReload);
        clients.close();
    }
}
