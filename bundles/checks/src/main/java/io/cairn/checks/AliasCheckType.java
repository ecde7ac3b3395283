package io.cairn.checks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;

/**
 * Consul's alias check: the health of another service ({@code AliasService}, on
 * {@code AliasNode} or this agent's node) or of a whole node, read from the catalog: the
 * worst of the node's checks and that service's checks. A service with no checks is passing
 * if it is registered, critical ({@code Service web could not be found on node n1}) if not.
 *
 * <p>Consul follows the aliased checks with blocking queries; this type reads them once per
 * period (the check's {@code Interval}, else {@link #DEFAULT_PERIOD}).
 */
public final class AliasCheckType implements CheckType {

    public static final String NAME = "alias";
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);
    private static final QueryOptions READ = new QueryOptions(Optional.empty(), Optional.empty(),
            Consistency.DEFAULT, 0, Duration.ZERO, Optional.empty(), Optional.empty(), Map.of());

    private final Supplier<Optional<Catalog>> catalog;
    private final Supplier<String> localNode;

    /**
     * @param catalog   the catalog while one is available (it comes and goes with the store or RPC bundle)
     * @param localNode this agent's node name, the default of {@code AliasNode}
     */
    public AliasCheckType(Supplier<Optional<Catalog>> catalog, Supplier<String> localNode) {
        this.catalog = catalog;
        this.localNode = localNode;
    }

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        Optional<Catalog> current = catalog.get();
        if (current.isEmpty()) {
            return CompletableFuture.completedFuture(CheckResult.critical("No catalog to read the aliased checks from"));
        }
        String node = check.aliasNode() == null || check.aliasNode().isEmpty() ? localNode.get() : check.aliasNode();
        String service = check.aliasService() == null ? "" : check.aliasService();
        CompletionStage<QueryResult<List<HealthCheck>>> checks = current.get().nodeChecks(node, READ);
        if (service.isEmpty()) {
            return checks.thenApply(found -> aliased(found.value(), node, "", true));
        }
        return checks.thenCombine(current.get().node(node, READ), (found, services) -> aliased(found.value(),
                node, service, services.value().map(NodeServices::services).map(s -> s.containsKey(service)).orElse(false)));
    }

    @Override
    public Duration period(CheckDefinition check) {
        return check.interval() == null || check.interval().isZero() ? DEFAULT_PERIOD : check.interval();
    }

    /** Consul's rule: the first critical check wins, else the last warning, else passing. */
    static CheckResult aliased(List<HealthCheck> checks, String node, String service, boolean serviceRegistered) {
        HealthStatus health = HealthStatus.PASSING;
        String message = "No checks found.";
        for (HealthCheck check : checks) {
            if (!check.serviceId().isEmpty() && !check.serviceId().equals(service)) {
                continue;
            }
            if (check.status() == HealthStatus.CRITICAL || check.status() == HealthStatus.WARNING) {
                health = check.status();
                message = "Aliased check \"" + check.name() + "\" failing: " + check.output();
                if (health == HealthStatus.CRITICAL) {
                    break;
                }
            } else if (health == HealthStatus.PASSING) {
                message = "All checks passing.";
            }
        }
        if (!service.isEmpty() && !serviceRegistered) {
            return CheckResult.critical("Service " + service + " could not be found on node " + node);
        }
        return new CheckResult(health, message);
    }
}
