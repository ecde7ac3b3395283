package io.cairn.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Service;
import io.cairn.api.storage.CatalogTables;
import io.cairn.api.storage.StoredService;

/**
 * The default backend's catalog tables: sorted maps keyed by node then id (the two joined by
 * a NUL, which sorts before any character of a name), with an index of instances by service
 * name, so that a service's instances are found without scanning the catalog. Keys are folded
 * to lower case, as Consul's indexes are: {@code Web} and {@code web} are one service.
 */
final class MemoryCatalogTables implements CatalogTables {

    private final NavigableMap<String, Node> nodes = new TreeMap<>();
    private final NavigableMap<String, StoredService> services = new TreeMap<>();
    private final Map<String, NavigableMap<String, StoredService>> byName = new HashMap<>();
    private final NavigableMap<String, HealthCheck> checks = new TreeMap<>();

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String key(String node, String id) {
        return fold(node) + '\0' + fold(id);
    }

    /** The rows of one node: keys from {@code node\0} up to {@code node\1}. */
    private static <V> NavigableMap<String, V> ofNode(NavigableMap<String, V> table, String node) {
        return table.subMap(fold(node) + '\0', true, fold(node) + '\1', false);
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(fold(name)));
    }

    @Override
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public void putNode(Node node) {
        nodes.put(fold(node.node()), node);
    }

    @Override
    public void deleteNode(String name) {
        nodes.remove(fold(name));
    }

    @Override
    public List<Service> nodeServices(String node) {
        return ofNode(services, node).values().stream().map(StoredService::service).toList();
    }

    @Override
    public List<StoredService> serviceInstances(String serviceName) {
        NavigableMap<String, StoredService> instances = byName.get(fold(serviceName));
        return instances == null ? List.of() : List.copyOf(instances.values());
    }

    @Override
    public List<StoredService> services() {
        return List.copyOf(services.values());
    }

    @Override
    public void putService(StoredService stored) {
        String key = key(stored.node(), stored.service().id());
        StoredService previous = services.put(key, stored);
        if (previous != null) {
            unindex(key, previous);
        }
        byName.computeIfAbsent(fold(stored.service().service()), name -> new TreeMap<>()).put(key, stored);
    }

    @Override
    public void deleteService(String node, String serviceId) {
        String key = key(node, serviceId);
        StoredService removed = services.remove(key);
        if (removed != null) {
            unindex(key, removed);
        }
    }

    private void unindex(String key, StoredService stored) {
        NavigableMap<String, StoredService> instances = byName.get(fold(stored.service().service()));
        if (instances != null && instances.remove(key) != null && instances.isEmpty()) {
            byName.remove(fold(stored.service().service()));
        }
    }

    @Override
    public List<HealthCheck> nodeChecks(String node) {
        return List.copyOf(ofNode(checks, node).values());
    }

    @Override
    public List<HealthCheck> checks() {
        return List.copyOf(checks.values());
    }

    @Override
    public void putCheck(HealthCheck check) {
        checks.put(key(check.node(), check.checkId()), check);
    }

    @Override
    public void deleteCheck(String node, String checkId) {
        checks.remove(key(node, checkId));
    }

    // ---- snapshot section: nodes, services, checks, each in key order

    void write(DataOutput out) throws IOException {
        out.writeInt(nodes.size());
        for (Node node : nodes.values()) {
            CatalogCodec.writeNode(out, node);
        }
        out.writeInt(services.size());
        for (StoredService stored : services.values()) {
            Binary.writeString(out, stored.node());
            CatalogCodec.writeService(out, stored.service());
        }
        out.writeInt(checks.size());
        for (HealthCheck check : checks.values()) {
            CatalogCodec.writeCheck(out, check);
        }
    }

    /** Tables read from a snapshot section, to {@link #replaceWith} once the whole snapshot is read. */
    static MemoryCatalogTables read(DataInput in) throws IOException {
        MemoryCatalogTables read = new MemoryCatalogTables();
        for (int i = in.readInt(); i > 0; i--) {
            read.putNode(CatalogCodec.readNode(in));
        }
        for (int i = in.readInt(); i > 0; i--) {
            String node = Binary.readString(in);
            read.putService(new StoredService(node, CatalogCodec.readService(in)));
        }
        for (int i = in.readInt(); i > 0; i--) {
            read.putCheck(CatalogCodec.readCheck(in));
        }
        return read;
    }

    void replaceWith(MemoryCatalogTables other) {
        nodes.clear();
        nodes.putAll(other.nodes);
        services.clear();
        services.putAll(other.services);
        byName.clear();
        other.byName.forEach((name, instances) -> byName.put(name, new TreeMap<>(instances)));
        checks.clear();
        checks.putAll(other.checks);
    }
}
