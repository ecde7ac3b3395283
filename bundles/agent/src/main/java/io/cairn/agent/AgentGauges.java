package io.cairn.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.metrics.Metrics;

/**
 * What this agent's local state adds to the metrics: how many services and checks are
 * registered here, the checks also by status ({@code agent.local.check_status{status="critical"}}).
 */
public final class AgentGauges {

    private AgentGauges() {
    }

    /** Registers the gauges; remove the returned registrations when the agent stops. */
    public static List<Metrics.Registration> register(Metrics metrics, LocalState state) {
        List<Metrics.Registration> registrations = new ArrayList<>();
        registrations.add(metrics.gauge("agent.local.services", Map.of(), () -> state.services().size()));
        registrations.add(metrics.gauge("agent.local.checks", Map.of(), () -> state.checks().size()));
        for (HealthStatus status : List.of(HealthStatus.PASSING, HealthStatus.WARNING, HealthStatus.CRITICAL)) {
            registrations.add(metrics.gauge("agent.local.check_status", Map.of("status", status.toString()),
                    () -> state.checks().values().stream().filter(c -> c.check().status() == status).count()));
        }
        return registrations;
    }
}
