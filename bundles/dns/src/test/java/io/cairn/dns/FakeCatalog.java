package io.cairn.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
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
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.QueryOptions;

/** An in-memory catalog for answer building: nodes, services on them, checks; reads remember their options. */
final class FakeCatalog implements Catalog {

    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, List<Service>> services = new LinkedHashMap<>();
    private final List<HealthCheck> checks = new ArrayList<>();
    final List<QueryOptions> reads = new ArrayList<>();
    long lastContactMs;
    List<String> datacenters = List.of("dc1");

    FakeCatalog node(String name, String address, Map<String, String> meta) {
        nodes.put(name, new Node("", name, address, "dc1", Map.of(), meta, 1, 1));
        return this;
    }

    FakeCatalog service(String node, Service service) {
        services.computeIfAbsent(node, n -> new ArrayList<>()).add(service);
        return this;
    }

    FakeCatalog check(String node, String serviceId, HealthStatus status) {
        checks.add(new HealthCheck(node, "check-" + checks.size(), "", status, "", "", serviceId, "", List.of(), "",
                null, 1, 1));
        return this;
    }

    private <T> CompletionStage<QueryResult<T>> result(QueryOptions options, T value) {
        reads.add(options);
        Consistency served = options.consistency();
        return CompletableFuture.completedFuture(new QueryResult<>(value,
                new QueryMeta(1, true, served == Consistency.STALE ? lastContactMs : 0, served)));
    }

    @Override
    public CompletionStage<QueryResult<List<ServiceInstance>>> healthService(String service, List<String> tags,
                                                                             boolean passingOnly, QueryOptions options) {
        List<ServiceInstance> found = new ArrayList<>();
        services.forEach((node, onNode) -> onNode.stream()
                .filter(s -> s.service().equals(service) && s.hasTags(tags))
                .map(s -> new ServiceInstance(nodes.get(node), s, checks.stream()
                        .filter(c -> c.node().equals(node) && (c.isNodeCheck() || c.serviceId().equals(s.id())))
                        .toList()))
                .filter(i -> !passingOnly || i.passing())
                .forEach(found::add));
        return result(options, found);
    }

    @Override
    public CompletionStage<QueryResult<Optional<NodeServices>>> node(String node, QueryOptions options) {
        return result(options, Optional.ofNullable(nodes.get(node)).map(n -> new NodeServices(n, Map.of())));
    }

    @Override
    public CompletionStage<QueryResult<List<Node>>> nodes(QueryOptions options) {
        return result(options, List.copyOf(nodes.values()));
    }

    @Override
    public CompletionStage<QueryResult<Map<String, List<String>>>> services(QueryOptions options) {
        Map<String, List<String>> names = new TreeMap<>();
        services.values().stream().flatMap(List::stream).forEach(s -> names.put(s.service(),
                List.copyOf(new TreeSet<>(s.tags()))));
        return result(options, names);
    }

    @Override
    public CompletionStage<QueryResult<List<CatalogService>>> serviceNodes(String service, List<String> tags,
                                                                           QueryOptions options) {
        List<CatalogService> found = new ArrayList<>();
        services.forEach((node, onNode) -> onNode.stream().filter(s -> s.service().equals(service))
                .map(s -> CatalogService.of(nodes.get(node), s)).forEach(found::add));
        return result(options, found);
    }

    @Override
    public List<String> datacenters() {
        return datacenters;
    }

    @Override
    public CompletionStage<Long> register(Registration registration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Long> registerAll(List<Registration> registrations) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Long> deregister(Deregistration deregistration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> serviceChecks(String service, QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> nodeChecks(String node, QueryOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> checksInState(Optional<HealthStatus> state,
                                                                         QueryOptions options) {
        throw new UnsupportedOperationException();
    }

}
