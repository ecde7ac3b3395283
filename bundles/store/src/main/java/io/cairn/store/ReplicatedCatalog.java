package io.cairn.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.consensus.QueryResult;
import io.cairn.api.consensus.StoreException;
import io.cairn.api.http.QueryOptions;

/**
 * The catalog over the replicated state: writes are completed and checked here, then go
 * through the log; reads are local after the consistency gate, each parked on its own watch
 * key when blocking.
 */
public final class ReplicatedCatalog implements Catalog {

    private final StoreState state;
    private final Replication replication;
    private final StoreReads reads;
    private final String datacenter;

    /** @param datacenter this server's data centre, the default of every registration */
    public ReplicatedCatalog(StoreState state, Replication replication, BlockingQuery blocking, String datacenter) {
        this.state = state;
        this.replication = replication;
        this.reads = new StoreReads(replication, blocking);
        this.datacenter = datacenter;
    }

    @Override
    public CompletionStage<Long> register(Registration registration) {
        return registerAll(List.of(registration));
    }

    @Override
    public CompletionStage<Long> registerAll(List<Registration> registrations) {
        List<Registration> complete;
        try {
            complete = registrations.stream().map(r -> CatalogRules.complete(r, datacenter)).toList();
            complete.forEach(CatalogRules::checkRegistration);
            state.catalog().refusalNow(complete).ifPresent(message -> {
                throw CatalogRules.badRequest(message);
            });
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write(new Command.CatalogRegister(complete));
    }

    @Override
    public CompletionStage<Long> deregister(Deregistration deregistration) {
        try {
            CatalogRules.checkDeregistration(deregistration);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        return write(new Command.CatalogDeregister(deregistration));
    }

    /** Refused (with Consul's message) only when the state changed between the check above and the apply. */
    private CompletionStage<Long> write(Command command) {
        return replication.execute(command).thenApply(outcome -> {
            // the registration was bad input, not a failure of the store: a 400, unlike sessions' refusals
            outcome.error().ifPresent(message -> {
                throw CatalogRules.badRequest(message);
            });
            return state.lastApplied();
        });
    }

    @Override
    public List<String> datacenters() {
        return List.of(datacenter);
    }

    @Override
    public CompletionStage<QueryResult<List<Node>>> nodes(QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.NODES), () -> catalog().nodes(options.nodeMeta()));
    }

    @Override
    public CompletionStage<QueryResult<Optional<NodeServices>>> node(String node, QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.nodeKey(node)), () -> catalog().node(node));
    }

    @Override
    public CompletionStage<QueryResult<Map<String, List<String>>>> services(QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.SERVICES),
                () -> catalog().services(options.nodeMeta()));
    }

    @Override
    public CompletionStage<QueryResult<List<CatalogService>>> serviceNodes(String service, List<String> tags,
                                                                           QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.serviceKey(service)),
                () -> catalog().serviceNodes(service, tags, options.nodeMeta()));
    }

    @Override
    public CompletionStage<QueryResult<List<ServiceInstance>>> healthService(String service, List<String> tags,
                                                                             boolean passingOnly, QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.serviceKey(service)),
                () -> catalog().healthService(service, tags, passingOnly, options.nodeMeta()));
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> serviceChecks(String service, QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.serviceKey(service)),
                () -> catalog().serviceChecks(service, options.nodeMeta()));
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> nodeChecks(String node, QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.nodeKey(node)), () -> catalog().nodeChecks(node));
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> checksInState(Optional<HealthStatus> status,
                                                                         QueryOptions options) {
        return reads.read(options, () -> catalog().watch(CatalogState.CHECKS),
                () -> catalog().checksInState(status, options.nodeMeta()));
    }

    private CatalogState catalog() {
        return state.catalog();
    }
}
