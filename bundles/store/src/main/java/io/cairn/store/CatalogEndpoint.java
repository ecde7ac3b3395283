package io.cairn.store;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.filter.Filter;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/** {@code /v1/catalog/*}: Consul's catalog endpoints over a {@link Catalog}. */
public final class CatalogEndpoint implements RouteProvider {

    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final Catalog catalog;

    public CatalogEndpoint(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.put("/v1/catalog/register", this::register).answeringAtOnce(),
                Route.put("/v1/catalog/deregister", this::deregister).answeringAtOnce(),
                Route.get("/v1/catalog/datacenters", request -> HttpResponse.json(catalog.datacenters()).completed()),
                Route.get("/v1/catalog/nodes", this::nodes).answeringAtOnce(),
                Route.get("/v1/catalog/node/", this::node).answeringAtOnce(),
                Route.get("/v1/catalog/services", this::services).answeringAtOnce(),
                Route.get("/v1/catalog/service/", this::service).answeringAtOnce());
    }

    CompletionStage<HttpResponse> register(HttpRequest request) throws HttpException {
        Registration registration = request.bodyAs(Registration.class);
        return HttpErrors.mapped(catalog.register(registration).thenApply(index -> HttpResponse.json(true)));
    }

    CompletionStage<HttpResponse> deregister(HttpRequest request) throws HttpException {
        Deregistration deregistration = request.bodyAs(Deregistration.class);
        return HttpErrors.mapped(catalog.deregister(deregistration).thenApply(index -> HttpResponse.json(true)));
    }

    CompletionStage<HttpResponse> nodes(HttpRequest request) throws HttpException {
        Optional<Filter> filter = CatalogRequests.filter(request, Node.class);
        return HttpErrors.mapped(catalog.nodes(request.options()).thenApply(r -> CatalogRequests.list(r, filter)));
    }

    /**
     * An unknown node answers 200 with the JSON {@code null}, as Consul; written out, since a
     * null body is no body, which Go's decoder refuses (EOF).
     */
    CompletionStage<HttpResponse> node(HttpRequest request) throws HttpException {
        String name = CatalogRequests.name(request, "Missing node name");
        Optional<Filter> filter = CatalogRequests.filter(request, Service.class);
        return HttpErrors.mapped(catalog.node(name, request.options()).thenApply(r -> r.value()
                .map(n -> HttpResponse.json(filtered(n, filter), r.meta()))
                .orElseGet(() -> new HttpResponse(200, JSON_NULL, Optional.of("application/json"), Optional.of(r.meta()),
                        Map.of()))));
    }

    private static NodeServices filtered(NodeServices node, Optional<Filter> filter) {
        if (filter.isEmpty()) {
            return node;
        }
        Map<String, Service> services = new LinkedHashMap<>();
        node.services().forEach((id, service) -> {
            if (filter.get().matches(service)) {
                services.put(id, service);
            }
        });
        return new NodeServices(node.node(), services);
    }

    CompletionStage<HttpResponse> services(HttpRequest request) {
        return HttpErrors.mapped(catalog.services(request.options()).thenApply(r -> HttpResponse.json(r.value(), r.meta())));
    }

    CompletionStage<HttpResponse> service(HttpRequest request) throws HttpException {
        String name = CatalogRequests.name(request, "Missing service name");
        Optional<Filter> filter = CatalogRequests.filter(request, CatalogService.class);
        return HttpErrors.mapped(catalog.serviceNodes(name, request.params("tag"), request.options())
                .thenApply(r -> CatalogRequests.list(r, filter)));
    }
}
