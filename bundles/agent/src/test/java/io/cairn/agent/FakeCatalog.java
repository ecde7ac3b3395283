package io.cairn.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.consensus.QueryResult;
import io.cairn.api.consensus.StoreException;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.QueryOptions;

/** An in-memory catalog of nodes, services and checks, with a switch to make every call fail. */
final class FakeCatalog implements Catalog {

    final Map<String, Node> nodes = new TreeMap<>();
    final Map<String, Map<String, Service>> services = new TreeMap<>();
    final Map<String, Map<String, HealthCheck>> checks = new TreeMap<>();
    final List<Object> writes = new ArrayList<>();
    volatile boolean down;
    private long index = 1;

    @Override
    public synchronized CompletionStage<Long> register(Registration r) {
        if (down) {
            return CompletableFuture.failedFuture(new StoreException(StoreException.Reason.NO_LEADER, "No cluster leader"));
        }
        writes.add(r);
        nodes.put(r.node(), r.nodeRow());
        r.service().ifPresent(s -> services.computeIfAbsent(r.node(), n -> new TreeMap<>()).put(s.id(), s));
        for (HealthCheck c : r.allChecks()) {
            checks.computeIfAbsent(r.node(), n -> new TreeMap<>()).put(c.checkId(), c);
        }
        return CompletableFuture.completedFuture(++index);
    }

    @Override
    public synchronized CompletionStage<Long> deregister(Deregistration d) {
        if (down) {
            return CompletableFuture.failedFuture(new StoreException(StoreException.Reason.NO_LEADER, "No cluster leader"));
        }
        writes.add(d);
        if (d.serviceId().isPresent()) {
            services.getOrDefault(d.node(), new TreeMap<>()).remove(d.serviceId().get());
            checks.getOrDefault(d.node(), new TreeMap<>()).values()
                    .removeIf(c -> c.serviceId().equals(d.serviceId().get()));
        } else if (d.checkId().isPresent()) {
            checks.getOrDefault(d.node(), new TreeMap<>()).remove(d.checkId().get());
        }
        return CompletableFuture.completedFuture(++index);
    }

    synchronized Map<String, Service> servicesOf(String node) {
        return Map.copyOf(services.getOrDefault(node, Map.of()));
    }

    synchronized Map<String, HealthCheck> checksOf(String node) {
        return Map.copyOf(checks.getOrDefault(node, Map.of()));
    }

    synchronized Optional<HealthStatus> status(String node, String checkId) {
        return Optional.ofNullable(checks.getOrDefault(node, Map.of()).get(checkId)).map(HealthCheck::status);
    }

    private <T> CompletionStage<QueryResult<T>> read(T value) {
        if (down) {
            return CompletableFuture.failedFuture(new StoreException(StoreException.Reason.NO_LEADER, "No cluster leader"));
        }
        return CompletableFuture.completedFuture(new QueryResult<>(value, new QueryMeta(index, true, 0, Consistency.DEFAULT)));
    }

    @Override
    public synchronized CompletionStage<QueryResult<Optional<NodeServices>>> node(String node, QueryOptions options) {
        return read(Optional.ofNullable(nodes.get(node))
                .map(n -> new NodeServices(n, new TreeMap<>(services.getOrDefault(node, Map.of())))));
    }

    @Override
    public synchronized CompletionStage<QueryResult<List<HealthCheck>>> nodeChecks(String node, QueryOptions options) {
        return read(List.copyOf(checks.getOrDefault(node, Map.of()).values()));
    }

    @Override
    public CompletionStage<Long> registerAll(List<Registration> registrations) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> datacenters() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<Node>>> nodes(QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<Map<String, List<String>>>> services(QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<CatalogService>>> serviceNodes(String service, List<String> tags,
                                                                           QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<ServiceInstance>>> healthService(String service, List<String> tags,
                                                                             boolean passingOnly, QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> serviceChecks(String service, QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> checksInState(Optional<HealthStatus> state,
                                                                         QueryOptions options) {
        throw new UnsupportedOperationException();
    }
}
