package io.cairn.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MemberTags;

/**
 * The catalog follows the LAN pool, written by the leader alone, as Consul's leader does:
 * an alive member is a node with a passing {@code serfHealth} (servers also with the
 * {@code consul} service), a failed member's {@code serfHealth} turns critical (its
 * services drop out of passing results and DNS), a member that left or was reaped is
 * deregistered with its sessions.
 *
 * <p>Member events reconcile that member at once; a full pass runs when this server becomes
 * leader and then periodically, catching whatever an event missed (a leader change between a
 * failure and its write, a member reaped while another server led). Only what differs from
 * the catalog is written, so a pass over a settled pool writes nothing; a node that exists
 * keeps the row its own agent's anti-entropy wrote (meta, tagged addresses): the leader
 * writes only its health and, for servers, the {@code consul} service.
 *
 * <p>Events arrive on a membership thread and are handed to {@code executor}; writes go
 * through the log; a failed full pass is retried on the next tick.
 */
public final class LeaderReconciler implements MemberListener {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderReconciler.class);

    /** The service every Consul server registers, port = server RPC. */
    public static final String CONSUL_SERVICE = "consul";
    /** The output of a failed member's {@code serfHealth}, Consul's words. */
    public static final String SERF_HEALTH_FAILED = "Agent not live or unreachable";

    private final BooleanSupplier leading;
    private final Supplier<List<Member>> members;
    private final StoreState state;
    private final Catalog catalog;
    private final SessionInvalidator sessions;
    private final Executor executor;
    private final AtomicBoolean reconciled = new AtomicBoolean();

    /**
     * @param leading  whether this server leads and the pool's list can be trusted (it entered the pool)
     * @param members  the LAN pool as it is now
     * @param state    the replicated state as applied here, compared with the pool
     * @param catalog  where the leader writes
     * @param sessions ends the sessions of a node that leaves
     * @param executor runs the reconciliation of one member after its event
     */
    public LeaderReconciler(BooleanSupplier leading, Supplier<List<Member>> members, StoreState state, Catalog catalog,
                            SessionInvalidator sessions, Executor executor) {
        this.leading = leading;
        this.members = members;
        this.state = state;
        this.catalog = catalog;
        this.sessions = sessions;
        this.executor = executor;
    }

    /** Called often: a full pass when this server has just become leader; forgets it when leadership is lost. */
    public void tick() {
        if (!leading.getAsBoolean()) {
            reconciled.set(false);
            return;
        }
        if (reconciled.compareAndSet(false, true)) {
            reconcileAll();
        }
    }

    /** Called every reconcile interval: a full pass on the leader. */
    public void periodic() {
        if (leading.getAsBoolean() && reconciled.get()) {
            reconcileAll();
        }
    }

    @Override
    public void joined(Member member) {
        onEvent(member);
    }

    @Override
    public void updated(Member member) {
        onEvent(member);
    }

    @Override
    public void failed(Member member) {
        onEvent(member);
    }

    @Override
    public void left(Member member) {
        onEvent(member);
    }

    @Override
    public void reaped(Member member) {
        executor.execute(() -> {
            if (leading.getAsBoolean()) {
                remove(member.name());
            }
        });
    }

    private void onEvent(Member member) {
        executor.execute(() -> {
            if (leading.getAsBoolean()) {
                reconcile(member);
            }
        });
    }

    /** Brings the catalog in line with the whole pool: registrations as one entry, removals one by one. */
    private void reconcileAll() {
        List<Member> pool = members.get();
        List<Registration> writes = pool.stream().flatMap(m -> registration(m).stream()).toList();
        if (!writes.isEmpty()) {
            catalog.registerAll(writes).whenComplete((index, failure) -> {
                if (failure != null) {
                    reconciled.set(false);
                    LOG.warn("Reconciling {} member(s) into the catalog failed, retrying: {}", writes.size(),
                            Optional.ofNullable(failure.getCause()).orElse(failure).getMessage());
                } else {
                    LOG.info("Reconciled {} member(s) into the catalog at index {}", writes.size(), index);
                }
            });
        }
        staleNodes(pool).forEach(this::remove);
    }

    /** One member, after its event. */
    private void reconcile(Member member) {
        if (member.status() == MemberStatus.LEFT) {
            remove(member.name());
            return;
        }
        registration(member).ifPresent(r -> catalog.register(r).whenComplete((index, failure) -> {
            if (failure != null) {
                LOG.warn("Could not reconcile member {} ({}) into the catalog: {}", member.name(),
                        member.status().label(), Optional.ofNullable(failure.getCause()).orElse(failure).getMessage());
            }
        }));
    }

    /**
     * Nodes of members that left, and nodes the leader once registered (they have a
     * {@code serfHealth}) whose member is no longer in the pool at all; nodes registered through
     * the catalog API alone stay. A left member's node goes whatever it holds: the leaving agent's
     * own anti-entropy, in flight during its leave, can register it again (without a
     * {@code serfHealth}) after the leader deregistered it. Consul's leader, too, handles left
     * members on every pass.
     */
    private List<String> staleNodes(List<Member> pool) {
        Map<Boolean, Set<String>> byLeft = pool.stream().collect(Collectors.partitioningBy(
                m -> m.status() == MemberStatus.LEFT, Collectors.mapping(Member::name, Collectors.toSet())));
        Set<String> left = byLeft.get(true);
        Set<String> present = byLeft.get(false);
        return state.catalog().nodes(Map.of()).value().stream()
                .map(Node::node)
                .filter(node -> left.contains(node) || !present.contains(node) && serfHealth(node).isPresent())
                .toList();
    }

    /** A node leaves the catalog: its sessions end first (they die with their node), then the node goes. */
    private void remove(String node) {
        if (state.catalog().node(node).value().isEmpty()) {
            return;
        }
        sessions.endSessionsOf(node)
                .thenCompose(ended -> catalog.deregister(Deregistration.node(node)).toCompletableFuture())
                .whenComplete((index, failure) -> {
                    if (failure != null) {
                        LOG.warn("Could not deregister node {} that left: {}", node,
                                Optional.ofNullable(failure.getCause()).orElse(failure).getMessage());
                    } else {
                        LOG.info("Deregistered node {} (left the pool) at index {}", node, index);
                    }
                });
    }

    /** What to write for a member, or empty when the catalog already says it (or its status says nothing). */
    Optional<Registration> registration(Member member) {
        HealthCheck health = switch (member.status()) {
            case ALIVE -> HealthCheck.serfHealth(member.name(), HealthStatus.PASSING, HealthCheck.SERF_HEALTH_ALIVE);
            case FAILED -> HealthCheck.serfHealth(member.name(), HealthStatus.CRITICAL, SERF_HEALTH_FAILED);
            // leaving: its leave or failure follows; left: deregistered, not registered
            case LEAVING, LEFT, NONE -> null;
        };
        if (health == null) {
            return Optional.empty();
        }
        Optional<NodeServices> existing = state.catalog().node(member.name()).value();
        boolean sameNode = existing.filter(n -> n.node().address().equals(member.addr())).isPresent();
        Optional<Service> consul = consulService(member);
        boolean serviceThere = consul.map(s -> existing.map(n -> n.services().get(s.id()))
                .filter(found -> found.port() == s.port()).isPresent()).orElse(true);
        if (sameNode && serviceThere && serfHealth(member.name()).filter(c -> sameHealth(c, health)).isPresent()) {
            return Optional.empty();
        }
        Registration registration = new Registration(member.tags().getOrDefault("id", ""), member.name(),
                member.addr(), "", Map.of("lan", member.addr(), "lan_ipv4", member.addr()),
                Map.of("consul-network-segment", ""), consul, Optional.empty(), List.of(health), sameNode);
        return Optional.of(registration);
    }

    /** Servers carry the {@code consul} service on their server RPC port. */
    private static Optional<Service> consulService(Member member) {
        if (!member.server()) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(member.tags().getOrDefault(MemberTags.SERVER_PORT, ""));
            return Optional.of(Service.of(CONSUL_SERVICE, CONSUL_SERVICE, List.of(), port));
        } catch (NumberFormatException e) {
            // a server that announces no RPC port cannot be dialled: no consul service for it
            return Optional.empty();
        }
    }

    private Optional<HealthCheck> serfHealth(String node) {
        return state.catalog().nodeChecks(node).value().stream()
                .filter(c -> c.checkId().equals(HealthCheck.SERF_HEALTH_ID))
                .findFirst();
    }

    private static boolean sameHealth(HealthCheck current, HealthCheck wanted) {
        return current.status() == wanted.status() && current.output().equals(wanted.output());
    }

}
