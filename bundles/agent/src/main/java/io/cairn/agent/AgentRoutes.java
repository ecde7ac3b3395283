package io.cairn.agent;

import java.util.List;
import java.util.function.Supplier;

import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/** The agent's own endpoints under {@code /v1/agent/}. */
public final class AgentRoutes implements RouteProvider {

    private final Supplier<AgentConfig> config;
    private final BuildInfo build;

    public AgentRoutes(Supplier<AgentConfig> config, BuildInfo build) {
        this.config = config;
        this.build = build;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/agent/self", request -> HttpResponse.json(AgentSelf.of(config.get(), build)).completed()));
    }
}
