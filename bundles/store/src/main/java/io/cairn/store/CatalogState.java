package io.cairn.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.storage.StorageTables;
import io.cairn.api.storage.StoredService;

/**
 * The catalog part of the replicated state: nodes, their services and health checks in the
 * backend's catalog tables, changed only by applying catalog commands.
 *
 * <p>Each change records the Raft index under the watch keys it touches (the {@code nodes},
 * {@code services} and {@code checks} tables, one key per node and one per service name) in
 * the backend's index table, so a read's index covers exactly what it read, deletions
 * included, and a blocking read parks on one key and wakes only when that key changes: a
 * watcher of {@code web} sleeps through any churn of {@code db}.
 *
 * <p>Locking: apply methods run under {@link StoreState}'s write lock (StoreState calls them);
 * reads take its read lock themselves. Watchers are woken by {@link #wakeWatchers()} once the
 * write lock is released.
 */
public final class CatalogState {

    public static final String NODES = "nodes";
    public static final String SERVICES = "services";
    public static final String CHECKS = "checks";

    private final StorageTables tables;
    private final Lock readLock;
    private final IndexWatches watches = new IndexWatches();
    /** Keys changed by applies whose watchers are not woken yet; under the write lock, then this. */
    private final Set<String> unwoken = new LinkedHashSet<>();
    /** The hot list reads' answers by the index they were read at ({@link ReadCache}). */
    private final ReadCache answers = new ReadCache(4096);
    /** Bumped under the write lock whenever a snapshot replaces the tables: indexes may repeat across it. */
    private volatile long generation;

    CatalogState(StorageTables tables, Lock readLock) {
        this.tables = tables;
        this.readLock = readLock;
    }

    /** The watch key of one node: its row, services and checks. */
    public static String nodeKey(String node) {
        return "node:" + node.toLowerCase(Locale.ROOT);
    }

    /** The watch key of one service name: its instances, their nodes and every check deciding their health. */
    public static String serviceKey(String service) {
        return "service:" + service.toLowerCase(Locale.ROOT);
    }

    /** Completes when what {@code key} covers changes. */
    public CompletableFuture<Void> watch(String key) {
        return watches.watchKey(key);
    }

    /** How many reads are parked on the catalog, for metrics and tests. */
    public int waiting() {
        return watches.waiting();
    }

    // ---- apply: under StoreState's write lock

    /**
     * Applies registrations in order. Nothing is written when one cannot apply (see
     * {@link #refusal}), so a batch is all or nothing.
     *
     * @return why the batch was refused, empty when it was applied
     */
    Optional<String> register(long index, List<Registration> registrations) {
        Optional<String> refusal = refusal(registrations);
        if (refusal.isPresent()) {
            return refusal;
        }
        Set<String> changed = new LinkedHashSet<>();
        for (Registration registration : registrations) {
            if (!registration.skipNodeUpdate() || tables.catalog().node(registration.node()).isEmpty()) {
                putNode(index, registration.nodeRow(), changed);
            }
            registration.service().ifPresent(service -> putService(index, registration.node(), service, changed));
            registration.allChecks().forEach(check -> putCheck(index, check, changed));
        }
        record(index, changed);
        return Optional.empty();
    }

    /** Removes a service with its checks, a check, or a node with everything on it; absent is no change. */
    boolean deregister(long index, Deregistration deregistration) {
        Set<String> changed = new LinkedHashSet<>();
        String node = deregistration.node();
        if (deregistration.serviceId().isPresent()) {
            deleteService(node, deregistration.serviceId().get(), changed);
        } else if (deregistration.checkId().isPresent()) {
            check(node, deregistration.checkId().get()).ifPresent(check -> deleteCheck(check, changed));
        } else {
            deleteNode(node, changed);
        }
        record(index, changed);
        return true;
    }

    /**
     * Why registrations cannot apply to the state as it is, in Consul's words; empty when
     * they can. A check of a service needs that service on its node, registered before or
     * earlier in the same batch; a registration that skips the node update needs the node.
     * Reads without locking: the caller holds the store's lock.
     */
    Optional<String> refusal(List<Registration> registrations) {
        Set<String> nodes = new HashSet<>();
        Set<String> services = new HashSet<>();
        for (Registration registration : registrations) {
            String node = registration.node();
            boolean nodeKnown = nodes.contains(node) || tables.catalog().node(node).isPresent();
            if (registration.skipNodeUpdate() && !nodeKnown) {
                return Optional.of("Missing node registration");
            }
            nodes.add(node);
            registration.service().ifPresent(service -> services.add(node + '\0' + service.id()));
            for (HealthCheck check : registration.allChecks()) {
                if (!check.isNodeCheck() && !services.contains(node + '\0' + check.serviceId())
                        && service(node, check.serviceId()).isEmpty()) {
                    return Optional.of("Missing service registration");
                }
            }
        }
        return Optional.empty();
    }

    /** {@link #refusal} under the read lock, for a check before a command is sent or logged. */
    public Optional<String> refusalNow(List<Registration> registrations) {
        return read(() -> refusal(registrations));
    }

    /** Wakes the reads parked on what the applies since the last call changed. */
    void wakeWatchers() {
        List<String> keys;
        synchronized (unwoken) {
            keys = List.copyOf(unwoken);
            unwoken.clear();
        }
        watches.keysChanged(keys);
    }

    /**
     * The tables were just replaced whole (a snapshot): kept answers are void even where a
     * key's index happens to be the same. Called under the write lock, with the replacement.
     */
    void tablesReplaced() {
        generation++;
        answers.clear();
    }

    /** The read cache, for tests. */
    ReadCache answers() {
        return answers;
    }

    /** The whole state was replaced: every parked read answers again. */
    void restored() {
        synchronized (unwoken) {
            unwoken.clear();
        }
        watches.allChanged();
    }

    private void putNode(long index, Node row, Set<String> changed) {
        Optional<Node> existing = tables.catalog().node(row.node());
        // a node registered again unchanged (anti-entropy, reconciliation) keeps its indexes and wakes no one
        if (existing.isPresent() && existing.get().equals(row.withIndexes(existing.get().createIndex(),
                existing.get().modifyIndex()))) {
            return;
        }
        tables.catalog().putNode(row.withIndexes(existing.map(Node::createIndex).orElse(index), index));
        nodeChanged(row.node(), changed);
    }

    private void putService(long index, String node, Service service, Set<String> changed) {
        Optional<Service> existing = service(node, service.id());
        if (existing.isPresent() && existing.get().equals(service.withIndexes(existing.get().createIndex(),
                existing.get().modifyIndex()))) {
            return;
        }
        Service row = service.withIndexes(existing.map(Service::createIndex).orElse(index), index);
        tables.catalog().putService(new StoredService(node, row));
        changed.add(SERVICES);
        changed.add(nodeKey(node));
        changed.add(serviceKey(row.service()));
        existing.ifPresent(old -> changed.add(serviceKey(old.service())));
        // the service's checks show its name and tags: keep them current
        for (HealthCheck check : tables.catalog().nodeChecks(node)) {
            if (check.serviceId().equalsIgnoreCase(row.id())) {
                putCheck(index, check, changed);
            }
        }
    }

    private void putCheck(long index, HealthCheck check, Set<String> changed) {
        Optional<Service> service = check.isNodeCheck() ? Optional.empty() : service(check.node(), check.serviceId());
        HealthCheck row = check.completed(check.node(), check.checkId(), service.map(Service::service).orElse(""),
                service.map(Service::tags).orElse(List.of()), check.type());
        Optional<HealthCheck> existing = check(row.node(), row.checkId());
        if (existing.isPresent() && existing.get().equals(row.withIndexes(existing.get().createIndex(),
                existing.get().modifyIndex()))) {
            return;
        }
        tables.catalog().putCheck(row.withIndexes(existing.map(HealthCheck::createIndex).orElse(index), index));
        existing.ifPresent(old -> checkChanged(old, changed));
        checkChanged(row, changed);
    }

    private void deleteNode(String node, Set<String> changed) {
        // checks first: which service reads a node check touches depends on the node's services
        tables.catalog().nodeChecks(node).forEach(check -> deleteCheck(check, changed));
        tables.catalog().nodeServices(node).forEach(service -> deleteService(node, service.id(), changed));
        if (tables.catalog().node(node).isPresent()) {
            nodeChanged(node, changed);
            tables.catalog().deleteNode(node);
        }
    }

    private void deleteService(String node, String serviceId, Set<String> changed) {
        Optional<Service> service = service(node, serviceId);
        if (service.isEmpty()) {
            return;
        }
        tables.catalog().nodeChecks(node).stream()
                .filter(check -> check.serviceId().equalsIgnoreCase(serviceId))
                .forEach(check -> deleteCheck(check, changed));
        tables.catalog().deleteService(node, serviceId);
        changed.add(SERVICES);
        changed.add(nodeKey(node));
        changed.add(serviceKey(service.get().service()));
    }

    private void deleteCheck(HealthCheck check, Set<String> changed) {
        checkChanged(check, changed);
        tables.catalog().deleteCheck(check.node(), check.checkId());
    }

    /** A node's row changed: its readers, and the readers of every service on it (they show the node). */
    private void nodeChanged(String node, Set<String> changed) {
        changed.add(NODES);
        changed.add(nodeKey(node));
        List<Service> services = tables.catalog().nodeServices(node);
        if (!services.isEmpty()) {
            changed.add(SERVICES);
            services.forEach(s -> changed.add(serviceKey(s.service())));
        }
    }

    /** A check changed: its node's readers and the health readers of the services it decides. */
    private void checkChanged(HealthCheck check, Set<String> changed) {
        changed.add(CHECKS);
        changed.add(nodeKey(check.node()));
        if (check.isNodeCheck()) {
            tables.catalog().nodeServices(check.node()).forEach(s -> changed.add(serviceKey(s.service())));
        } else {
            changed.add(serviceKey(check.serviceName()));
        }
    }

    private void record(long index, Set<String> changed) {
        changed.forEach(key -> tables.setTableIndex(key, index));
        synchronized (unwoken) {
            unwoken.addAll(changed);
        }
    }

    private Optional<Service> service(String node, String id) {
        return tables.catalog().nodeServices(node).stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
    }

    private Optional<HealthCheck> check(String node, String id) {
        return tables.catalog().nodeChecks(node).stream().filter(c -> c.checkId().equalsIgnoreCase(id)).findFirst();
    }

    // ---- reads: the data with the index of the key a blocking read watches

    public Indexed<List<Node>> nodes(Map<String, String> nodeMeta) {
        return read(() -> new Indexed<>(tables.catalog().nodes().stream().filter(n -> n.hasMeta(nodeMeta)).toList(),
                index(NODES, NODES)));
    }

    public Indexed<Optional<NodeServices>> node(String name) {
        return read(() -> {
            Optional<NodeServices> node = tables.catalog().node(name).map(n -> {
                Map<String, Service> services = new LinkedHashMap<>();
                tables.catalog().nodeServices(name).forEach(s -> services.put(s.id(), s));
                return new NodeServices(n, services);
            });
            return new Indexed<>(node, index(nodeKey(name), NODES));
        });
    }

    /** Service names, sorted, each with its instances' tags without duplicates. */
    public Indexed<Map<String, List<String>>> services(Map<String, String> nodeMeta) {
        return read(() -> {
            Map<String, Set<String>> tags = new TreeMap<>();
            for (StoredService stored : tables.catalog().services()) {
                if (onNodeWithMeta(stored.node(), nodeMeta)) {
                    tags.computeIfAbsent(stored.service().service(), name -> new LinkedHashSet<>())
                            .addAll(stored.service().tags());
                }
            }
            Map<String, List<String>> services = new LinkedHashMap<>();
            tags.forEach((name, set) -> services.put(name, List.copyOf(set)));
            return new Indexed<>(services, index(SERVICES, SERVICES));
        });
    }

    public Indexed<List<CatalogService>> serviceNodes(String service, List<String> tags, Map<String, String> nodeMeta) {
        ReadCache.Key key = new ReadCache.Key("catalog-service", service, tags, false, nodeMeta);
        return read(() -> cached(key, serviceIndex(service), () -> instances(service, tags, nodeMeta).stream()
                .map(i -> CatalogService.of(i.node(), i.service())).toList()));
    }

    public Indexed<List<ServiceInstance>> healthService(String service, List<String> tags, boolean passingOnly,
                                                        Map<String, String> nodeMeta) {
        ReadCache.Key key = new ReadCache.Key("health-service", service, tags, passingOnly, nodeMeta);
        return read(() -> cached(key, serviceIndex(service), () -> instances(service, tags, nodeMeta).stream()
                .filter(i -> !passingOnly || i.passing()).toList()));
    }

    /**
     * The answer kept for {@code key} when it was read at {@code index} (the key's index now),
     * else read again and kept. Under the read lock: the index and the data are one state.
     */
    private <T> Indexed<T> cached(ReadCache.Key key, long index, Supplier<T> reader) {
        long at = generation;
        T kept = answers.get(key, index, at);
        if (kept != null) {
            return new Indexed<>(kept, index);
        }
        T value = reader.get();
        answers.put(key, value, index, at);
        return new Indexed<>(value, index);
    }

    /** The checks of the service's instances (not their node checks), by node then check id. */
    public Indexed<List<HealthCheck>> serviceChecks(String service, Map<String, String> nodeMeta) {
        return read(() -> new Indexed<>(instances(service, List.of(), nodeMeta).stream()
                .flatMap(i -> i.checks().stream().filter(c -> c.serviceId().equalsIgnoreCase(i.service().id())))
                .toList(), serviceIndex(service)));
    }

    public Indexed<List<HealthCheck>> nodeChecks(String node) {
        return read(() -> new Indexed<>(tables.catalog().nodeChecks(node), index(nodeKey(node), NODES)));
    }

    /** The checks in {@code state}, or all when empty, by node then check id. */
    public Indexed<List<HealthCheck>> checksInState(Optional<HealthStatus> state, Map<String, String> nodeMeta) {
        return read(() -> new Indexed<>(tables.catalog().checks().stream()
                .filter(c -> state.isEmpty() || c.status() == state.get())
                .filter(c -> onNodeWithMeta(c.node(), nodeMeta))
                .toList(), index(CHECKS, CHECKS)));
    }

    /** The instances of a service with every tag, on nodes with the meta, each with the checks deciding its health. */
    private List<ServiceInstance> instances(String service, List<String> tags, Map<String, String> nodeMeta) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (StoredService stored : tables.catalog().serviceInstances(service)) {
            Optional<Node> node = tables.catalog().node(stored.node());
            if (node.isEmpty() || !node.get().hasMeta(nodeMeta) || !stored.service().hasTags(tags)) {
                continue;
            }
            List<HealthCheck> checks = tables.catalog().nodeChecks(stored.node()).stream()
                    .filter(c -> c.isNodeCheck() || c.serviceId().equalsIgnoreCase(stored.service().id()))
                    .toList();
            instances.add(new ServiceInstance(node.get(), stored.service(), checks));
        }
        return instances;
    }

    private boolean onNodeWithMeta(String node, Map<String, String> nodeMeta) {
        return nodeMeta.isEmpty() || tables.catalog().node(node).map(n -> n.hasMeta(nodeMeta)).orElse(false);
    }

    private long serviceIndex(String service) {
        return index(serviceKey(service), SERVICES);
    }

    /**
     * The index of a watch key; a key never written answers with its table's index (data
     * that appears later moves past it), and never 0: clients treat 0 as "do not block".
     */
    private long index(String key, String table) {
        long index = tables.tableIndex(key);
        return Math.max(1, index > 0 ? index : tables.tableIndex(table));
    }

    private <T> T read(Supplier<T> reader) {
        readLock.lock();
        try {
            return reader.get();
        } finally {
            readLock.unlock();
        }
    }
}
