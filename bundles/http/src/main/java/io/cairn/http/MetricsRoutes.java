package io.cairn.http;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.Telemetry;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/**
 * {@code GET /v1/agent/metrics}: the registry as go-metrics' JSON summary, or with
 * {@code ?format=prometheus} in Prometheus' text format, which (as in Consul) needs
 * {@code telemetry.prometheus_retention_time} above zero.
 */
public final class MetricsRoutes implements RouteProvider {

    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String DEFAULT_PREFIX = "consul";

    private final MetricsRegistry registry;
    private final Supplier<AgentConfig> config;

    public MetricsRoutes(MetricsRegistry registry, Supplier<AgentConfig> config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/v1/agent/metrics", this::metrics));
    }

    private CompletionStage<HttpResponse> metrics(HttpRequest request) throws HttpException {
        Optional<Telemetry> telemetry = Optional.ofNullable(config.get().telemetry());
        String prefix = telemetry.map(Telemetry::metricsPrefix).orElse(DEFAULT_PREFIX);
        if (request.param("format").filter("prometheus"::equals).isPresent()) {
            boolean enabled = telemetry.map(Telemetry::prometheusRetentionTime)
                    .map(d -> !d.isZero() && !d.isNegative()).orElse(false);
            if (!enabled) {
                throw new HttpException(415, "Prometheus is not enabled since its retention time is not positive");
            }
            return HttpResponse.json(registry.prometheus(prefix)).withContentType(PROMETHEUS_TYPE).completed();
        }
        return HttpResponse.json(registry.summary(prefix)).completed();
    }
}
