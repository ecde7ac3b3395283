package io.cairn.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Service;
import io.cairn.api.config.CheckDefinition;

/**
 * The services and checks registered on this agent, each knowing whether the catalog has it
 * as it is here ({@code inSync}); a removal is a tombstone ({@code deleted}) until the catalog
 * confirms it, so anti-entropy can finish what the agent started (Consul's agent/local).
 *
 * <p>Entries are immutable records replaced on every change; anti-entropy marks an entry
 * synced only if it is still the very record it pushed, so a change racing a sync is never
 * lost. Every method is synchronized on this object.
 */
public final class LocalState {

    /** Where a registration came from: a config file, or the HTTP API (which may not run scripts). */
    public enum Source { LOCAL, REMOTE }

    public record ServiceState(Service service, Source source, boolean inSync, boolean deleted) {
    }

    /**
     * A check with how it runs; {@code definition} is null for a check nothing runs
     * (maintenance mode).
     */
    public record CheckState(HealthCheck check, CheckDefinition definition, Source source, boolean inSync,
                             boolean deleted) {

        CheckState withCheck(HealthCheck newCheck) {
            return new CheckState(newCheck, definition, source, false, false);
        }
    }

    /** Everything anti-entropy needs for one pass, tombstones included. */
    public record Snapshot(Map<String, ServiceState> services, Map<String, CheckState> checks, boolean nodeInSync) {
    }

    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private final Map<String, CheckState> checks = new LinkedHashMap<>();
    private boolean nodeInSync;
    private CompletableFuture<Void> nextChange = new CompletableFuture<>();

    /**
     * Completes at the next change of a live service or check (not of the sync flags), for
     * reads that block until what they show changes. Shared by every caller: copy it before
     * adding a timeout.
     */
    public synchronized CompletableFuture<Void> nextChange() {
        return nextChange;
    }

    private void changed() {
        CompletableFuture<Void> waiting = nextChange;
        nextChange = new CompletableFuture<>();
        waiting.complete(null);
    }

    public synchronized void addService(Service service, Source source) {
        services.put(service.id(), new ServiceState(service, source, false, false));
        changed();
    }

    /** Tombstones a service and its checks; false when there is no such service. */
    public synchronized boolean removeService(String id) {
        ServiceState current = services.get(id);
        if (current == null || current.deleted()) {
            return false;
        }
        services.put(id, new ServiceState(current.service(), current.source(), false, true));
        checks.values().stream().filter(c -> !c.deleted() && c.check().serviceId().equals(id)).toList()
                .forEach(c -> removeCheck(c.check().checkId()));
        changed();
        return true;
    }

    public synchronized void addCheck(HealthCheck check, CheckDefinition definition, Source source) {
        checks.put(check.checkId(), new CheckState(check, definition, source, false, false));
        changed();
    }

    /** Tombstones a check; false when there is no such check. */
    public synchronized boolean removeCheck(String id) {
        CheckState current = checks.get(id);
        if (current == null || current.deleted()) {
            return false;
        }
        checks.put(id, new CheckState(current.check(), current.definition(), current.source(), false, true));
        changed();
        return true;
    }

    /**
     * Sets a check's status and output; out of sync only when either changed, so a check that
     * keeps passing costs the catalog nothing. False when there is no such check.
     */
    public synchronized boolean updateCheck(String id, HealthStatus status, String output) {
        CheckState current = checks.get(id);
        if (current == null || current.deleted()) {
            return false;
        }
        HealthCheck c = current.check();
        if (c.status() != status || !c.output().equals(output)) {
            checks.put(id, current.withCheck(new HealthCheck(c.node(), c.checkId(), c.name(), status, c.notes(), output,
                    c.serviceId(), c.serviceName(), c.serviceTags(), c.type(), c.definition(), 0, 0)));
            changed();
        }
        return true;
    }

    public synchronized Optional<Service> service(String id) {
        return Optional.ofNullable(services.get(id)).filter(s -> !s.deleted()).map(ServiceState::service);
    }

    public synchronized Optional<ServiceState> serviceState(String id) {
        return Optional.ofNullable(services.get(id)).filter(s -> !s.deleted());
    }

    /** The live services by id, in registration order. */
    public synchronized Map<String, Service> services() {
        Map<String, Service> live = new LinkedHashMap<>();
        services.forEach((id, s) -> {
            if (!s.deleted()) {
                live.put(id, s.service());
            }
        });
        return live;
    }

    public synchronized Optional<CheckState> check(String id) {
        return Optional.ofNullable(checks.get(id)).filter(c -> !c.deleted());
    }

    /** The live checks by id, in registration order. */
    public synchronized Map<String, CheckState> checks() {
        Map<String, CheckState> live = new LinkedHashMap<>();
        checks.forEach((id, c) -> {
            if (!c.deleted()) {
                live.put(id, c);
            }
        });
        return live;
    }

    /** The live checks of one service. */
    public synchronized List<CheckState> checksOf(String serviceId) {
        return checks.values().stream().filter(c -> !c.deleted() && c.check().serviceId().equals(serviceId)).toList();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(Map.copyOf(services), Map.copyOf(checks), nodeInSync);
    }

    /**
     * Marks what the catalog now has: a pushed service in sync, a tombstone gone. Does nothing
     * when the entry changed since it was pushed: the change still has to go out.
     */
    public synchronized void serviceSynced(ServiceState pushed) {
        String id = pushed.service().id();
        if (services.get(id) != pushed) {
            return;
        }
        if (pushed.deleted()) {
            services.remove(id);
        } else {
            services.put(id, new ServiceState(pushed.service(), pushed.source(), true, false));
        }
    }

    /** As {@link #serviceSynced} for a check. */
    public synchronized void checkSynced(CheckState pushed) {
        String id = pushed.check().checkId();
        if (checks.get(id) != pushed) {
            return;
        }
        if (pushed.deleted()) {
            checks.remove(id);
        } else {
            checks.put(id, new CheckState(pushed.check(), pushed.definition(), pushed.source(), true, false));
        }
    }

    public synchronized void nodeSynced(boolean synced) {
        nodeInSync = synced;
    }

    /**
     * Compares this agent's entries with what the catalog holds for this node (a full sync):
     * what differs or is missing there goes out of sync; what is there but not here (and not
     * owned by someone else, as the servers' {@code consul} service and {@code serfHealth})
     * becomes a tombstone, so the next push removes it.
     */
    public synchronized void compareWithCatalog(Map<String, Service> remoteServices,
                                                Map<String, HealthCheck> remoteChecks, boolean nodeMatches) {
        nodeInSync = nodeMatches;
        remoteServices.forEach((id, remote) -> {
            if (!services.containsKey(id) && !isOwnedElsewhere(id)) {
                services.put(id, new ServiceState(remote, Source.REMOTE, false, true));
            }
        });
        services.replaceAll((id, local) -> {
            Service remote = remoteServices.get(id);
            boolean same = remote != null && remote.withIndexes(0, 0).equals(local.service().withIndexes(0, 0));
            return new ServiceState(local.service(), local.source(), local.deleted() ? remote == null : same,
                    local.deleted());
        });
        services.values().removeIf(s -> s.deleted() && s.inSync());
        remoteChecks.forEach((id, remote) -> {
            if (!checks.containsKey(id) && !HealthCheck.SERF_HEALTH_ID.equals(id) && !isOwnedElsewhere(remote.serviceId())) {
                checks.put(id, new CheckState(remote, null, Source.REMOTE, false, true));
            }
        });
        checks.replaceAll((id, local) -> {
            HealthCheck remote = remoteChecks.get(id);
            boolean same = remote != null && sameCheck(local.check(), remote);
            return new CheckState(local.check(), local.definition(), local.source(),
                    local.deleted() ? remote == null : same, local.deleted());
        });
        checks.values().removeIf(c -> c.deleted() && c.inSync());
    }

    /** The servers register the {@code consul} service themselves; no agent removes it. */
    private static boolean isOwnedElsewhere(String serviceId) {
        return "consul".equals(serviceId);
    }

    /** What the agent decides about a check; the catalog fills in node, service name, tags and type itself. */
    private static boolean sameCheck(HealthCheck local, HealthCheck remote) {
        return local.name().equals(remote.name()) && local.status() == remote.status()
                && local.notes().equals(remote.notes()) && local.output().equals(remote.output())
                && local.serviceId().equals(remote.serviceId())
                && Objects.equals(local.definition(), remote.definition());
    }
}
