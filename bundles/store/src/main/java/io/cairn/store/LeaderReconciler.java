package io.cairn.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.config.AgentConfig;

/**
 * What the leader writes into the catalog on its own, as Consul's leader does: every member
 * with its {@code serfHealth} check, and each server with the {@code consul} service. It
 * reconciles when this server becomes leader, through the log as one command
 * ({@link Catalog#registerAll}); a failed attempt is retried on the next tick. Registering
 * what is already there changes nothing, so reconciling again is harmless.
 *
 * <p>The members come from a supplier: this server alone until membership provides the pool.
 */
public final class LeaderReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderReconciler.class);

    /** The service every Consul server registers, port = server RPC. */
    public static final String CONSUL_SERVICE = "consul";

    private final BooleanSupplier leading;
    private final Supplier<List<Registration>> members;
    private final Catalog catalog;
    private final AtomicBoolean reconciled = new AtomicBoolean();

    public LeaderReconciler(BooleanSupplier leading, Supplier<List<Registration>> members, Catalog catalog) {
        this.leading = leading;
        this.members = members;
        this.catalog = catalog;
    }

    /** A server agent as the leader registers it: its node, the consul service, a passing serfHealth. */
    public static Registration server(AgentConfig config) {
        Map<String, String> tagged = new HashMap<>();
        tagged.put("lan", config.advertiseAddr());
        tagged.put("lan_ipv4", config.advertiseAddr());
        tagged.put("wan", config.advertiseAddrWan());
        tagged.put("wan_ipv4", config.advertiseAddrWan());
        Map<String, String> meta = new HashMap<>(config.nodeMeta());
        meta.put("consul-network-segment", "");
        Node node = new Node(config.nodeId(), config.nodeName(), config.advertiseAddr(), config.datacenter(), tagged,
                meta, 0, 0);
        return Registration.node(node, List.of(HealthCheck.serfHealth(config.nodeName(), HealthStatus.PASSING,
                HealthCheck.SERF_HEALTH_ALIVE)))
                .withService(Service.of(CONSUL_SERVICE, CONSUL_SERVICE, List.of(), config.ports().server()));
    }

    /** Called periodically: reconciles once per leadership, and forgets it when leadership is lost. */
    public void tick() {
        if (!leading.getAsBoolean()) {
            reconciled.set(false);
            return;
        }
        if (reconciled.compareAndSet(false, true)) {
            reconcile();
        }
    }

    private void reconcile() {
        List<Registration> all = members.get();
        catalog.registerAll(all).whenComplete((index, failure) -> {
            if (failure != null) {
                reconciled.set(false);
                LOG.warn("Reconciling {} member(s) into the catalog failed, retrying: {}", all.size(),
                        Optional.ofNullable(failure.getCause()).orElse(failure).getMessage());
            } else {
                LOG.info("Reconciled {} member(s) into the catalog at index {}", all.size(), index);
            }
        });
    }
}
