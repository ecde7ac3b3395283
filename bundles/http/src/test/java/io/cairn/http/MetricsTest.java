package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.metrics.Metrics;
import io.cairn.config.ConfigLoader;

/** The metrics registry, its two formats and the request timing, without a server. */
class MetricsTest {

    /** One sample line of Prometheus' text format 0.0.4. */
    private static final Pattern PROMETHEUS_LINE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\""
                    + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*})? -?[0-9.eE+-]+");

    @TempDir
    Path dir;

    final MetricsRegistry registry = new MetricsRegistry(
            Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    final JsonCodec codec = new JsonCodec();

    @Test
    void summaryHasGoMetricsShape() throws Exception {
        AtomicInteger services = new AtomicInteger(3);
        registry.gauge("agent.services", Map.of(), services::get);
        registry.increment("raft.apply", 1, Map.of());
        registry.increment("raft.apply", 2, Map.of());
        registry.sample("api.http", 10, Map.of("method", "GET", "path", "v1_agent_services"));
        registry.sample("api.http", 30, Map.of("method", "GET", "path", "v1_agent_services"));
        services.set(4);

        JsonNode json = new ObjectMapper().readTree(codec.write(registry.summary("consul")));

        assertThat(json.get("Timestamp").asText()).isEqualTo("2026-01-02 03:04:00 +0000 UTC");
        assertThat(json.get("Points").isArray()).isTrue();
        JsonNode gauge = json.get("Gauges").get(0);
        assertThat(gauge.get("Name").asText()).isEqualTo("consul.agent.services");
        assertThat(gauge.get("Value").asDouble()).isEqualTo(4);
        assertThat(gauge.get("Labels").isObject()).isTrue();
        JsonNode counter = json.get("Counters").get(0);
        assertThat(counter.get("Name").asText()).isEqualTo("consul.raft.apply");
        assertThat(counter.get("Count").asLong()).isEqualTo(2);
        assertThat(counter.get("Sum").asDouble()).isEqualTo(3);
        assertThat(counter.get("Max").asDouble()).isEqualTo(2);
        JsonNode sample = json.get("Samples").get(0);
        assertThat(sample.get("Name").asText()).isEqualTo("consul.api.http");
        assertThat(sample.get("Count").asLong()).isEqualTo(2);
        assertThat(sample.get("Mean").asDouble()).isEqualTo(20);
        assertThat(sample.get("Min").asDouble()).isEqualTo(10);
        assertThat(sample.get("Stddev").asDouble()).isCloseTo(14.142, org.assertj.core.data.Offset.offset(0.001));
        assertThat(sample.get("Labels").get("method").asText()).isEqualTo("GET");
        List<String> fields = new ArrayList<>();
        sample.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("Name", "Count", "Rate", "Sum", "Min", "Max", "Mean", "Stddev", "Labels");
    }

    @Test
    void aRemovedOrFailingGaugeIsLeftOut() {
        Metrics.Registration registration = registry.gauge("gone", Map.of(), () -> 1);
        registry.gauge("broken", Map.of(), () -> {
            throw new IllegalStateException("stopping");
        });
        registration.remove();
        assertThat(registry.summary("consul").gauges()).isEmpty();
    }

    @Test
    void prometheusTextParsesLineByLine() {
        registry.gauge("runtime.alloc_bytes", Map.of(), () -> 123456789);
        registry.increment("raft.apply", 5, Map.of());
        registry.sample("api.http", 1.5, Map.of("method", "PUT", "path", "v1_kv_"));
        registry.sample("api.http", 2.5, Map.of("method", "GET", "path", "v1_agent_\"odd\""));

        String text = registry.prometheus("consul");

        assertThat(text).contains("# TYPE consul_runtime_alloc_bytes gauge\nconsul_runtime_alloc_bytes 123456789\n");
        assertThat(text).contains("# TYPE consul_raft_apply counter\nconsul_raft_apply 5\n");
        assertThat(text).contains("consul_api_http_sum{method=\"PUT\",path=\"v1_kv_\"} 1.5\n");
        assertThat(text).contains("consul_api_http_count{method=\"PUT\",path=\"v1_kv_\"} 1\n");
        assertThat(text).containsOnlyOnce("# TYPE consul_api_http summary");
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).matches(PROMETHEUS_LINE);
            }
        }
    }

    @Test
    void theRouteAnswersJsonAndPrometheusOnlyWhenEnabled() throws Exception {
        registry.gauge("runtime.num_goroutines", Map.of(), () -> 42);
        MetricsRoutes off = new MetricsRoutes(registry, fixed(config("{}")));
        HttpResponse json = get(off, "");
        assertThat(new ObjectMapper().readTree(codec.write(json.body())).get("Gauges").get(0).get("Name").asText())
                .isEqualTo("consul.runtime.num_goroutines");
        assertThatThrownBy(() -> get(off, "format=prometheus"))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(415));

        MetricsRoutes on = new MetricsRoutes(registry, fixed(config(
                "{\"telemetry\":{\"prometheus_retention_time\":\"60s\",\"metrics_prefix\":\"cairn\"}}")));
        HttpResponse prometheus = get(on, "format=prometheus");
        assertThat(prometheus.contentType()).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat((String) prometheus.body()).contains("cairn_runtime_num_goroutines 42");
        byte[] wire = new ResponseEncoder(codec).encode(prometheus).body();
        assertThat(new String(wire, StandardCharsets.UTF_8)).startsWith("# HELP cairn_runtime_num_goroutines");
    }

    @Test
    void everyRequestIsTimedByMethodAndRoutePath() throws Exception {
        RequestMetrics timing = new RequestMetrics(() -> java.util.Optional.of(registry));
        Route ok = timing.adapt(new Route("/v1/agent/services", Set.of("GET"), r -> HttpResponse.ok().completed()));
        Route bad = timing.adapt(new Route("/v1/kv/", Set.of("PUT"), r -> {
            throw HttpException.badRequest("no");
        }));
        Route later = timing.adapt(new Route("/v1/agent/service/", Set.of("GET"), r -> new CompletableFuture<>()));

        ok.handler().handle(request("GET", ""));
        ok.handler().handle(request("GET", ""));
        assertThatThrownBy(() -> bad.handler().handle(request("PUT", ""))).isInstanceOf(HttpException.class);
        later.handler().handle(request("GET", ""));

        assertThat(registry.summary("consul").samples())
                .extracting(s -> s.labels().get("method") + " " + s.labels().get("path") + " " + s.count())
                .containsExactly("GET v1_agent_services 2", "PUT v1_kv_ 1");
    }

    private HttpResponse get(MetricsRoutes routes, String query) throws Exception {
        return routes.routes().get(0).handler().handle(request("GET", query)).toCompletableFuture().get();
    }

    private RouteRequest request(String method, String query) throws HttpException {
        QueryParameters params = QueryParameters.parse(query);
        return new RouteRequest(method, "/v1/agent/metrics", "", query, params,
                new QueryOptionsParser(b -> 0).parse(params, h -> null), h -> null, new byte[0], codec, "127.0.0.1");
    }

    private AgentConfig config(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("telemetry-" + json.hashCode() + ".json"), json);
        return ConfigLoader.fromArgs(List.of("-dev", "-data-dir", dir.toString(), "-config-file", file.toString()))
                .config();
    }

    private static java.util.function.Supplier<AgentConfig> fixed(AgentConfig config) {
        return () -> config;
    }
}
