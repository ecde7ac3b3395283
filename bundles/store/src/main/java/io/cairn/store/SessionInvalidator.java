package io.cairn.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.session.ServiceCheck;
import io.cairn.api.session.Session;

/**
 * Sessions die with their node's health, as Consul's do: a session one of whose checks (its
 * node's {@code serfHealth} by default, or any node or service check it lists) is critical
 * is destroyed, and so is every session of a node that leaves the catalog. Decided on the
 * leader and sent through the log like a user's destroy, so each server applies the same
 * invalidation (keys released or deleted per the session's behavior, lock-delay from the
 * leader's clock).
 *
 * <p>{@link #tick} runs often on the leader; a session whose destroy is in flight is not sent
 * again until that one completes.
 */
public final class SessionInvalidator {

    private static final Logger LOG = LoggerFactory.getLogger(SessionInvalidator.class);

    private final BooleanSupplier leading;
    private final StoreState state;
    private final Replication replication;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public SessionInvalidator(BooleanSupplier leading, StoreState state, Replication replication) {
        this.leading = leading;
        this.state = state;
        this.replication = replication;
    }

    /** On the leader: destroys every session that one of its checks, now critical, condemns. */
    public void tick() {
        if (!leading.getAsBoolean()) {
            return;
        }
        for (Session session : state.sessionList().value()) {
            criticalCheck(session, state.catalog().nodeChecks(session.node()).value())
                    .ifPresent(check -> destroy(session, "check " + check.checkId() + " is critical"));
        }
    }

    /** Destroys every session of a node, completing when all are gone (before the node is deregistered). */
    public CompletableFuture<Void> endSessionsOf(String node) {
        return CompletableFuture.allOf(state.sessionList().value().stream()
                .filter(s -> s.node().equalsIgnoreCase(node))
                .map(s -> destroy(s, "its node " + node + " left"))
                .toArray(CompletableFuture[]::new));
    }

    /** The first of the session's checks that is critical on its node, if any. */
    static Optional<HealthCheck> criticalCheck(Session session, List<HealthCheck> nodeChecks) {
        return nodeChecks.stream()
                .filter(c -> c.status() == HealthStatus.CRITICAL)
                .filter(c -> c.isNodeCheck()
                        ? session.nodeChecks().contains(c.checkId())
                        : session.serviceChecks().stream().map(ServiceCheck::id).anyMatch(c.checkId()::equals))
                .findFirst();
    }

    private CompletableFuture<Void> destroy(Session session, String why) {
        if (!inFlight.add(session.id())) {
            return CompletableFuture.completedFuture(null);
        }
        LOG.info("Invalidating session {} of node {}: {}", session.id(), session.node(), why);
        // now = 0: the leader decides the lock-delay clock when the command enters the log
        return replication.execute(new Command.SessionDestroy(session.id(), 0))
                .handle((outcome, failure) -> {
                    inFlight.remove(session.id());
                    if (failure != null) {
                        LOG.warn("Could not invalidate session {}: {}", session.id(), failure.getMessage());
                    }
                    return null;
                });
    }
}
