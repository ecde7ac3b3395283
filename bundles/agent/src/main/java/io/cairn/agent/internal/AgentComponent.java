package io.cairn.agent.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.cairn.agent.AgentRoutes;
import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/** Publishes the agent's routes; a thin shell around {@link AgentRoutes}. */
@Component(service = RouteProvider.class)
public class AgentComponent implements RouteProvider {

    private final AgentRoutes routes;

    @Activate
    public AgentComponent(@Reference AgentConfigService config) {
        this.routes = new AgentRoutes(config, BuildInfo.current());
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }
}
