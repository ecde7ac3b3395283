package io.cairn.api.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.QueryOptions;

/**
 * The replicated catalog of a data centre: nodes, their services and health checks. Provided
 * by the store bundle on server agents.
 *
 * <p>Writes go through the Raft log and complete, once applied on this server, with an index
 * at which they are visible (the write's own or a later one), or exceptionally with a {@link io.cairn.api.consensus.StoreException}
 * ({@code BAD_REQUEST} carries Consul's message, e.g. {@code Must provide node}).
 *
 * <p>Reads honour the options' consistency mode and {@code ?node-meta} filters
 * ({@link QueryOptions#nodeMeta()}) where Consul does. When {@link QueryOptions#blocking()},
 * a read completes only once the data it covers changes past {@link QueryOptions#minIndex()}
 * or the wait ends; it watches only that data (one service name, one node, one table), so
 * unrelated churn never wakes it. The result's index is the index of the data covered,
 * at least 1, and never goes backwards (deletions move it too).
 */
@ProviderType
public interface Catalog {

    /** Registers a node, optionally a service on it, and checks, as one entry. */
    CompletionStage<Long> register(Registration registration);

    /**
     * Registers many nodes as one entry: what membership reconciliation calls with every
     * member and its {@code serfHealth} check. Each registration is checked and applied as
     * {@link #register} would; one invalid registration refuses them all.
     */
    CompletionStage<Long> registerAll(List<Registration> registrations);

    /** Removes a node, a service or a check; removing what is absent succeeds. */
    CompletionStage<Long> deregister(Deregistration deregistration);

    /** The data centres known to this server, its own first ({@code /v1/catalog/datacenters}). */
    List<String> datacenters();

    /** Every node, sorted by name; filtered by node meta. */
    CompletionStage<QueryResult<List<Node>>> nodes(QueryOptions options);

    /** One node with its services; empty when there is no such node. */
    CompletionStage<QueryResult<Optional<NodeServices>>> node(String node, QueryOptions options);

    /** Every service name with the union of its instances' tags, names and tags sorted; filtered by node meta. */
    CompletionStage<QueryResult<Map<String, List<String>>>> services(QueryOptions options);

    /**
     * The instances of a service carrying every one of {@code tags}, sorted by node then service
     * id; filtered by node meta.
     */
    CompletionStage<QueryResult<List<CatalogService>>> serviceNodes(String service, List<String> tags,
                                                                    QueryOptions options);

    /**
     * The instances of a service carrying every one of {@code tags}, each with its node and
     * service checks; with {@code passingOnly}, only those whose checks all pass. Filtered by
     * node meta.
     */
    CompletionStage<QueryResult<List<ServiceInstance>>> healthService(String service, List<String> tags,
                                                                      boolean passingOnly, QueryOptions options);

    /** The checks of every instance of a service, sorted by node then check id. */
    CompletionStage<QueryResult<List<HealthCheck>>> serviceChecks(String service, QueryOptions options);

    /** The checks of a node, node-level and service ones, sorted by check id. */
    CompletionStage<QueryResult<List<HealthCheck>>> nodeChecks(String node, QueryOptions options);

    /** The checks in a state, every check when {@code state} is empty (Consul's {@code any}). */
    CompletionStage<QueryResult<List<HealthCheck>>> checksInState(Optional<HealthStatus> state,
                                                                  QueryOptions options);
}
