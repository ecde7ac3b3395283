package io.cairn.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.metrics.Metrics;

/**
 * Times every request a route answers, as Consul's {@code consul.api.http} sample (milliseconds)
 * labelled with the method and the route's path ({@code v1_agent_services}, {@code v1_kv_}).
 * Its count is the number of requests by method and path.
 */
public final class RequestMetrics {

    public static final String NAME = "api.http";

    private final Supplier<Optional<Metrics>> metrics;

    public RequestMetrics(Supplier<Optional<Metrics>> metrics) {
        this.metrics = metrics;
    }

    public Route adapt(Route route) {
        String path = route.path().substring(1).replace('/', '_');
        return new Route(route.path(), route.methods(), request -> {
            long start = System.nanoTime();
            Map<String, String> labels = Map.of("method", request.method(), "path", path);
            CompletionStage<HttpResponse> answer;
            try {
                answer = route.handler().handle(request);
            } catch (HttpException | RuntimeException e) {
                record(labels, start);
                throw e;
            }
            if (answer == null) {
                return null;
            }
            return answer.whenComplete((response, failure) -> record(labels, start));
        });
    }

    private void record(Map<String, String> labels, long start) {
        metrics.get().ifPresent(m -> m.sample(NAME, (System.nanoTime() - start) / 1e6, labels));
    }
}
