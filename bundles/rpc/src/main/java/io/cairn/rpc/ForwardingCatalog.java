package io.cairn.rpc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.util.URIUtil;

import com.fasterxml.jackson.core.type.TypeReference;

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
import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.QueryOptions;

/**
 * The {@link Catalog} of a client agent, which holds none: every call is the matching HTTP
 * endpoint of a server, reached through the {@link Forwarder}, so the agent's anti-entropy
 * and DNS work the same on clients as on servers. A server's refusal comes back as the
 * {@link StoreException} the server's own catalog would have thrown.
 */
public final class ForwardingCatalog implements Catalog {

    private static final TypeReference<List<Node>> NODES = new TypeReference<>() { };
    private static final TypeReference<Optional<NodeServices>> NODE_SERVICES = new TypeReference<>() { };
    private static final TypeReference<Map<String, List<String>>> SERVICES = new TypeReference<>() { };
    private static final TypeReference<List<CatalogService>> SERVICE_NODES = new TypeReference<>() { };
    private static final TypeReference<List<ServiceInstance>> INSTANCES = new TypeReference<>() { };
    private static final TypeReference<List<HealthCheck>> CHECKS = new TypeReference<>() { };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() { };

    private final Forwarder forwarder;
    private final CatalogJson json = new CatalogJson();

    public ForwardingCatalog(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public CompletionStage<Long> register(Registration registration) {
        return write("/v1/catalog/register", registration);
    }

    /**
     * Refused: reconciling the members with the catalog is the leader's work, and Consul's HTTP
     * API has no call that registers many nodes as one entry.
     */
    @Override
    public CompletionStage<Long> registerAll(List<Registration> registrations) {
        return CompletableFuture.failedFuture(new StoreException(StoreException.Reason.UNAVAILABLE,
                "registering many nodes at once is done on the leader, not through a client agent"));
    }

    @Override
    public CompletionStage<Long> deregister(Deregistration deregistration) {
        return write("/v1/catalog/deregister", deregistration);
    }

    @Override
    public List<String> datacenters() {
        RpcRequest request = get("/v1/catalog/datacenters", List.of(), Optional.empty(), RpcRequest.NON_BLOCKING_TIMEOUT);
        try {
            RpcResponse response = forwarder.forward(request).toCompletableFuture()
                    .get(RpcRequest.NON_BLOCKING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return decode(response, NAMES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "interrupted asking a server", e);
        } catch (ExecutionException | TimeoutException e) {
            throw storeFailure(e.getCause() != null ? e.getCause() : e);
        }
    }

    @Override
    public CompletionStage<QueryResult<List<Node>>> nodes(QueryOptions options) {
        return read("/v1/catalog/nodes", Map.of(), options, NODES);
    }

    @Override
    public CompletionStage<QueryResult<Optional<NodeServices>>> node(String node, QueryOptions options) {
        // Consul answers an unknown node with 200 and null
        return read("/v1/catalog/node/" + segment(node), Map.of(), options, NODE_SERVICES);
    }

    @Override
    public CompletionStage<QueryResult<Map<String, List<String>>>> services(QueryOptions options) {
        return read("/v1/catalog/services", Map.of(), options, SERVICES);
    }

    @Override
    public CompletionStage<QueryResult<List<CatalogService>>> serviceNodes(String service, List<String> tags,
                                                                           QueryOptions options) {
        return read("/v1/catalog/service/" + segment(service), Map.of("tag", tags), options, SERVICE_NODES);
    }

    @Override
    public CompletionStage<QueryResult<List<ServiceInstance>>> healthService(String service, List<String> tags,
                                                                             boolean passingOnly, QueryOptions options) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("tag", tags);
        params.put("passing", List.of(Boolean.toString(passingOnly)));
        return read("/v1/health/service/" + segment(service), params, options, INSTANCES);
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> serviceChecks(String service, QueryOptions options) {
        return read("/v1/health/checks/" + segment(service), Map.of(), options, CHECKS);
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> nodeChecks(String node, QueryOptions options) {
        return read("/v1/health/node/" + segment(node), Map.of(), options, CHECKS);
    }

    @Override
    public CompletionStage<QueryResult<List<HealthCheck>>> checksInState(Optional<HealthStatus> state,
                                                                         QueryOptions options) {
        return read("/v1/health/state/" + state.map(HealthStatus::toString).orElse("any"), Map.of(), options, CHECKS);
    }

    private CompletionStage<Long> write(String path, Object body) {
        RpcRequest request = new RpcRequest("PUT", path, Map.of("Content-Type", "application/json"), json.write(body),
                RpcRequest.NON_BLOCKING_TIMEOUT);
        return forwarder.forward(request).handle((response, failure) -> {
            if (failure != null) {
                throw storeFailure(failure);
            }
            check(response);
            return response.header("X-Consul-Index").map(Long::parseUnsignedLong).orElse(0L);
        });
    }

    private <T> CompletionStage<QueryResult<T>> read(String path, Map<String, List<String>> params,
                                                     QueryOptions options, TypeReference<T> type) {
        List<String> query = new ArrayList<>();
        params.forEach((name, values) -> values.forEach(value -> query.add(name + "=" + encode(value))));
        query.addAll(optionsQuery(options));
        RpcRequest request = get(path, query, options.token(), RpcRequest.readTimeout(options));
        return forwarder.forward(request).handle((response, failure) -> {
            if (failure != null) {
                throw storeFailure(failure);
            }
            return new QueryResult<>(decode(response, type), meta(response));
        });
    }

    /** @param query encoded {@code name=value} pairs */
    private static RpcRequest get(String path, List<String> query, Optional<String> token, Duration timeout) {
        Map<String, String> headers = token.map(t -> Map.of("X-Consul-Token", t)).orElse(Map.of());
        return new RpcRequest("GET", path + (query.isEmpty() ? "" : "?" + String.join("&", query)), headers, null,
                timeout);
    }

    /** The common options as Consul's query parameters; the token travels as a header. */
    static List<String> optionsQuery(QueryOptions options) {
        List<String> pairs = new ArrayList<>();
        options.datacenter().ifPresent(dc -> pairs.add("dc=" + encode(dc)));
        if (options.consistency() == Consistency.STALE) {
            pairs.add("stale");
        } else if (options.consistency() == Consistency.CONSISTENT) {
            pairs.add("consistent");
        }
        if (options.blocking()) {
            pairs.add("index=" + Long.toUnsignedString(options.minIndex()));
            pairs.add("wait=" + options.maxWait().toMillis() + "ms");
        }
        options.filter().ifPresent(f -> pairs.add("filter=" + encode(f)));
        options.near().ifPresent(n -> pairs.add("near=" + encode(n)));
        options.nodeMeta().forEach((k, v) -> pairs.add("node-meta=" + encode(k + ":" + v)));
        return pairs;
    }

    private <T> T decode(RpcResponse response, TypeReference<T> type) {
        check(response);
        try {
            return json.read(response.body(), type);
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "a server answered unreadable JSON: "
                    + e.getMessage(), e);
        }
    }

    /** A server's refusal as the exception its own catalog throws. */
    private static void check(RpcResponse response) {
        if (response.ok()) {
            return;
        }
        String message = response.text();
        StoreException.Reason reason = switch (response.status()) {
            case 400, 404, 405 -> StoreException.Reason.BAD_REQUEST;
            case 413 -> StoreException.Reason.TOO_LARGE;
            default -> message.contains("No cluster leader")
                    ? StoreException.Reason.NO_LEADER : StoreException.Reason.UNAVAILABLE;
        };
        throw new StoreException(reason, message);
    }

    static QueryMeta meta(RpcResponse response) {
        long index = response.header("X-Consul-Index").map(Long::parseUnsignedLong).orElse(1L);
        boolean knownLeader = response.header("X-Consul-KnownLeader").map(Boolean::parseBoolean).orElse(false);
        long lastContact = response.header("X-Consul-LastContact").map(Long::parseLong).orElse(0L);
        Consistency consistency = response.header("X-Consul-Effective-Consistency")
                .map(ForwardingCatalog::consistencyOf).orElse(Consistency.DEFAULT);
        return new QueryMeta(index, knownLeader, lastContact, consistency);
    }

    private static Consistency consistencyOf(String header) {
        for (Consistency c : Consistency.values()) {
            if (c.headerValue().equals(header)) {
                return c;
            }
        }
        return Consistency.DEFAULT;
    }

    private static StoreException storeFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof StoreException store) {
            return store;
        }
        return new StoreException(StoreException.Reason.UNAVAILABLE,
                cause instanceof HttpException ? cause.getMessage() : String.valueOf(cause), cause);
    }

    private static String segment(String name) {
        return URIUtil.encodePath(name).replace("/", "%2F");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
