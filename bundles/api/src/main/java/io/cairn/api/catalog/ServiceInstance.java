package io.cairn.api.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One instance of a service with its node and every check that decides its health: the
 * node's own checks and the service's ({@code /v1/health/service/:name}, DNS answers).
 */
public record ServiceInstance(Node node, Service service, List<HealthCheck> checks) {

    public ServiceInstance {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(service, "service");
        checks = List.copyOf(checks);
    }

    /** True when every check passes (Consul's {@code ?passing}); an instance without checks passes. */
    public boolean passing() {
        return checks.stream().allMatch(c -> c.status() == HealthStatus.PASSING);
    }

    /** The worst status among its checks, passing when it has none. */
    public HealthStatus aggregateStatus() {
        if (checks.stream().anyMatch(c -> c.status() == HealthStatus.CRITICAL || c.status() == HealthStatus.MAINTENANCE)) {
            return HealthStatus.CRITICAL;
        }
        return checks.stream().anyMatch(c -> c.status() == HealthStatus.WARNING) ? HealthStatus.WARNING : HealthStatus.PASSING;
    }
}
