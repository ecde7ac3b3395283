package io.cairn.agent;

import java.util.List;

import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.config.ConfigException;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/** The agent's own endpoints under {@code /v1/agent/}. */
public final class AgentRoutes implements RouteProvider {

    private final AgentConfigService config;
    private final BuildInfo build;

    public AgentRoutes(AgentConfigService config, BuildInfo build) {
        this.config = config;
        this.build = build;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/agent/self", request -> HttpResponse.json(AgentSelf.of(config.current(), build)).completed()),
                Route.put("/v1/agent/reload", request -> {
                    reload();
                    return HttpResponse.ok().completed();
                }));
    }

    /** Re-reads the configuration; a broken file leaves the running configuration in force. */
    private void reload() throws HttpException {
        try {
            config.reload();
        } catch (ConfigException e) {
            throw HttpException.badRequest("Failed reloading config: " + String.join("; ", e.problems()));
        }
    }
}
