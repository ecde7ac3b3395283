package io.cairn.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.cairn.agent.LocalState.CheckState;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Service;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.filter.Filter;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/**
 * {@code /v1/agent/service*}, {@code /v1/agent/check*}, {@code /v1/agent/maintenance} and
 * {@code /v1/agent/health/service/*}: what clients do with their local agent.
 */
public final class AgentServiceRoutes implements RouteProvider {

    /** How long a write waits for its push to the catalog before answering anyway (the next sync retries). */
    private static final Duration PUSH_WAIT = Duration.ofSeconds(5);
    private static final String CONTENT_HASH = "X-Consul-ContentHash";

    private final LocalAgent agent;
    private final Supplier<AgentConfig> config;

    public AgentServiceRoutes(LocalAgent agent, Supplier<AgentConfig> config) {
        this.agent = agent;
        this.config = config;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.put("/v1/agent/service/register", r -> written(
                        agent.registerService(r.bodyAs(AgentServiceRegistration.class), replaceExistingChecks(r)))),
                Route.put("/v1/agent/service/deregister/", r -> written(agent.deregisterService(r.suffix()))),
                Route.get("/v1/agent/services", this::services),
                Route.get("/v1/agent/service/", this::service),
                Route.put("/v1/agent/service/maintenance/", r -> written(
                        agent.serviceMaintenance(required(r.suffix(), "Missing service ID"), enable(r), reason(r)))),
                Route.put("/v1/agent/maintenance", r -> written(agent.nodeMaintenance(enable(r), reason(r)))),
                Route.get("/v1/agent/checks", this::checks),
                Route.put("/v1/agent/check/register", r -> written(agent.registerCheck(r.bodyAs(AgentCheckRegistration.class)))),
                Route.put("/v1/agent/check/deregister/", r -> written(agent.deregisterCheck(required(r.suffix(), "CheckID missing")))),
                Route.put("/v1/agent/check/pass/", r -> ttl(r, HealthStatus.PASSING)),
                Route.put("/v1/agent/check/warn/", r -> ttl(r, HealthStatus.WARNING)),
                Route.put("/v1/agent/check/fail/", r -> ttl(r, HealthStatus.CRITICAL)),
                Route.put("/v1/agent/check/update/", this::update),
                Route.get("/v1/agent/health/service/id/", this::healthById),
                Route.get("/v1/agent/health/service/name/", this::healthByName));
    }

    private CompletionStage<HttpResponse> services(HttpRequest request) throws HttpException {
        Optional<Filter> filter = Filter.of(request, AgentService.class);
        String dc = config.get().datacenter();
        Map<String, AgentService> body = new LinkedHashMap<>();
        agent.state().services().forEach((id, s) -> body.put(id, AgentService.of(s, dc)));
        return HttpResponse.json(filter.map(f -> f.apply(body)).orElse(body)).completed();
    }

    /**
     * {@code GET /v1/agent/service/:id}, with {@code X-Consul-ContentHash}; given
     * {@code ?hash=} it blocks until the service's hash differs from it (or the service is
     * gone) or {@code wait} ends, as Consul's hash-based blocking query does.
     */
    private CompletionStage<HttpResponse> service(HttpRequest request) throws HttpException {
        String id = request.suffix();
        Optional<String> hash = request.param("hash").filter(h -> !h.isEmpty());
        if (hash.isEmpty()) {
            return serviceNow(id).completed();
        }
        long deadline = System.nanoTime() + request.options().maxWait().toNanos();
        return serviceOnceChanged(id, hash.get(), deadline);
    }

    private CompletableFuture<HttpResponse> serviceOnceChanged(String id, String hash, long deadline) {
        // taken before the read: a change between the read and the wait still wakes it
        CompletableFuture<Void> change = agent.state().nextChange().copy();
        HttpResponse now;
        try {
            now = serviceNow(id);
        } catch (HttpException e) {
            return CompletableFuture.failedFuture(e);
        }
        long left = deadline - System.nanoTime();
        if (!hash.equals(now.headers().get(CONTENT_HASH)) || left <= 0) {
            return CompletableFuture.completedFuture(now);
        }
        return change.completeOnTimeout(null, left, TimeUnit.NANOSECONDS)
                .thenComposeAsync(woken -> System.nanoTime() - deadline >= 0
                        ? serviceAtDeadline(id) : serviceOnceChanged(id, hash, deadline));
    }

    private CompletableFuture<HttpResponse> serviceAtDeadline(String id) {
        try {
            return CompletableFuture.completedFuture(serviceNow(id));
        } catch (HttpException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private HttpResponse serviceNow(String id) throws HttpException {
        Service s = agent.state().service(id)
                .orElseThrow(() -> HttpException.notFound("unknown service ID: " + id));
        AgentService body = AgentService.of(s, config.get().datacenter()).withContentHash();
        return new HttpResponse(200, body, Optional.empty(), Optional.empty(),
                Map.of(CONTENT_HASH, body.contentHash().orElseThrow()));
    }

    private CompletionStage<HttpResponse> checks(HttpRequest request) throws HttpException {
        Optional<Filter> filter = Filter.of(request, HealthCheck.class);
        Map<String, HealthCheck> body = new LinkedHashMap<>();
        agent.state().checks().forEach((id, c) -> body.put(id, c.check()));
        return HttpResponse.json(filter.map(f -> f.apply(body)).orElse(body)).completed();
    }

    private CompletionStage<HttpResponse> ttl(HttpRequest request, HealthStatus status) throws HttpException {
        return written(agent.updateTtl(request.suffix(), status, request.param("note").orElse("")));
    }

    private CompletionStage<HttpResponse> update(HttpRequest request) throws HttpException {
        CheckUpdate update = request.bodyAs(CheckUpdate.class);
        String status = update.status() == null ? "" : update.status();
        HealthStatus parsed = HealthStatus.ofWireName(status).filter(s -> s != HealthStatus.MAINTENANCE)
                .orElseThrow(() -> HttpException.badRequest("Invalid check status: '" + status + "'"));
        return written(agent.updateTtl(request.suffix(), parsed, update.output() == null ? "" : update.output()));
    }

    /** The body of {@code PUT /v1/agent/check/update/:id}. */
    public record CheckUpdate(String status, String output) {
    }

    /** {@code AgentServiceChecksInfo}: a local service, its checks and their worst status. */
    public record ServiceHealth(String aggregatedStatus, AgentService service, List<HealthCheck> checks) {
    }

    private CompletionStage<HttpResponse> healthById(HttpRequest request) throws HttpException {
        String id = required(request.suffix(), "Missing serviceID");
        Optional<Service> service = agent.state().service(id);
        if (service.isEmpty()) {
            String reason = "ServiceId " + id + " not found";
            return (textWanted(request) ? text(404, reason)
                    : HttpResponse.json(new ServiceHealth("critical", null, null)).withStatus(404)).completed();
        }
        ServiceHealth health = health(service.get());
        return (textWanted(request) ? text(statusCode(health.aggregatedStatus()), health.aggregatedStatus())
                : HttpResponse.json(health).withStatus(statusCode(health.aggregatedStatus()))).completed();
    }

    private CompletionStage<HttpResponse> healthByName(HttpRequest request) throws HttpException {
        String name = required(request.suffix(), "Missing service Name");
        List<ServiceHealth> all = new ArrayList<>();
        agent.state().services().values().stream().filter(s -> s.service().equals(name))
                .forEach(s -> all.add(health(s)));
        int code = all.stream().mapToInt(h -> statusCode(h.aggregatedStatus())).max().orElse(404);
        String reason = all.stream().filter(h -> statusCode(h.aggregatedStatus()) == code)
                .map(ServiceHealth::aggregatedStatus).findFirst().orElse("ServiceName " + name + " Not Found");
        return (textWanted(request) ? text(code, reason) : HttpResponse.json(all).withStatus(code)).completed();
    }

    private ServiceHealth health(Service service) {
        List<HealthCheck> checks = new ArrayList<>();
        agent.state().checks().values().stream()
                .filter(c -> c.check().serviceId().equals(service.id()) || c.check().isNodeCheck())
                .map(CheckState::check).forEach(checks::add);
        return new ServiceHealth(aggregated(checks), AgentService.of(service, config.get().datacenter()), checks);
    }

    /** Consul's {@code HealthChecks.AggregatedStatus}: maintenance first, then the worst status; no checks passes. */
    static String aggregated(List<HealthCheck> checks) {
        if (checks.stream().anyMatch(c -> c.checkId().equals(LocalAgent.NODE_MAINTENANCE_ID)
                || c.checkId().startsWith(LocalAgent.SERVICE_MAINTENANCE_PREFIX))) {
            return "maintenance";
        }
        if (checks.stream().anyMatch(c -> c.status() == HealthStatus.CRITICAL)) {
            return "critical";
        }
        return checks.stream().anyMatch(c -> c.status() == HealthStatus.WARNING) ? "warning" : "passing";
    }

    /** passing 200, warning 429, anything else 503. */
    private static int statusCode(String aggregated) {
        return switch (aggregated) {
            case "passing" -> 200;
            case "warning" -> 429;
            default -> 503;
        };
    }

    private static boolean textWanted(HttpRequest request) {
        if (request.header("Accept").map(a -> a.startsWith("text/plain")).orElse(false)) {
            return true;
        }
        return request.param("format").filter(f -> !f.isEmpty()).map(f -> f.equals("text")).orElse(false);
    }

    private static HttpResponse text(int status, String body) {
        return new HttpResponse(status, body, Optional.of("text/plain"), Optional.empty(), Map.of());
    }

    private static boolean replaceExistingChecks(HttpRequest request) {
        return request.param("replace-existing-checks").map(v -> v.isEmpty() || v.equals("true")).orElse(false);
    }

    /** Consul's {@code enable}: required, parsed as Go's {@code ParseBool}. */
    private static boolean enable(HttpRequest request) throws HttpException {
        String raw = request.param("enable").orElseThrow(() -> HttpException.badRequest("Missing value for enable"));
        return switch (raw) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw HttpException.badRequest("Invalid value for enable: \"" + raw + "\"");
        };
    }

    private static String reason(HttpRequest request) {
        return request.param("reason").orElse("");
    }

    private static String required(String value, String message) throws HttpException {
        if (value.isEmpty()) {
            throw HttpException.badRequest(message);
        }
        return value;
    }

    /** An empty 200 once the change reached the catalog, or after {@link #PUSH_WAIT} at most. */
    private static CompletionStage<HttpResponse> written(CompletionStage<Void> pushed) {
        return pushed.toCompletableFuture().completeOnTimeout(null, PUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(v -> HttpResponse.ok());
    }
}
