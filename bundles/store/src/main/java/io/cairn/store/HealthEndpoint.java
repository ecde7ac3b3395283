package io.cairn.store;

import java.util.Optional;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.filter.Filter;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/** {@code /v1/health/*}: Consul's health endpoints over a {@link Catalog}. */
public final class HealthEndpoint implements RouteProvider {

    private final Catalog catalog;

    public HealthEndpoint(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/health/service/", this::service).answeringAtOnce(),
                Route.get("/v1/health/checks/", this::serviceChecks).answeringAtOnce(),
                Route.get("/v1/health/node/", this::nodeChecks).answeringAtOnce(),
                Route.get("/v1/health/state/", this::state).answeringAtOnce());
    }

    /** {@code ?passing} drops every instance with any check not passing, node or service. */
    CompletionStage<HttpResponse> service(HttpRequest request) throws HttpException {
        String name = CatalogRequests.name(request, "Missing service name");
        boolean passing = request.flag("passing");
        Optional<Filter> filter = CatalogRequests.filter(request, ServiceInstance.class);
        return HttpErrors.mapped(catalog.healthService(name, request.params("tag"), passing, request.options())
                .thenApply(r -> CatalogRequests.list(r, filter)));
    }

    CompletionStage<HttpResponse> serviceChecks(HttpRequest request) throws HttpException {
        String name = CatalogRequests.name(request, "Missing service name");
        Optional<Filter> filter = CatalogRequests.filter(request, HealthCheck.class);
        return HttpErrors.mapped(catalog.serviceChecks(name, request.options())
                .thenApply(r -> CatalogRequests.list(r, filter)));
    }

    CompletionStage<HttpResponse> nodeChecks(HttpRequest request) throws HttpException {
        String name = CatalogRequests.name(request, "Missing node name");
        Optional<Filter> filter = CatalogRequests.filter(request, HealthCheck.class);
        return HttpErrors.mapped(catalog.nodeChecks(name, request.options())
                .thenApply(r -> CatalogRequests.list(r, filter)));
    }

    /** {@code any} or one of passing, warning, critical; Consul has no other check state. */
    CompletionStage<HttpResponse> state(HttpRequest request) throws HttpException {
        String state = CatalogRequests.name(request, "Missing check state");
        Optional<HealthStatus> status = state.equals("any") ? Optional.empty() : Optional.of(HealthStatus.ofWireName(state)
                .filter(s -> s != HealthStatus.MAINTENANCE)
                .orElseThrow(() -> HttpException.badRequest("Invalid check state \"" + state
                        + "\": must be any, passing, warning or critical")));
        Optional<Filter> filter = CatalogRequests.filter(request, HealthCheck.class);
        return HttpErrors.mapped(catalog.checksInState(status, request.options())
                .thenApply(r -> CatalogRequests.list(r, filter)));
    }
}
