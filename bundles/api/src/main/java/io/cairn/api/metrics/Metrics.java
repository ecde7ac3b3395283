package io.cairn.api.metrics;

import java.util.Map;
import java.util.function.DoubleSupplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's metrics registry, shown by {@code GET /v1/agent/metrics} (go-metrics' JSON, or
 * Prometheus' text format). Bundles feed it: counters and samples as things happen, gauges as
 * functions read when the metrics are shown. Names are dotted and given without the agent's
 * {@code telemetry.metrics_prefix} ({@code runtime.alloc_bytes} is shown as
 * {@code consul.runtime.alloc_bytes}). Every method is cheap and safe from any thread.
 *
 * @since 1.0
 */
@ProviderType
public interface Metrics {

    /** Adds {@code amount} to a counter. */
    void increment(String name, double amount, Map<String, String> labels);

    default void increment(String name) {
        increment(name, 1, Map.of());
    }

    /** One observation of a sample, such as a duration in milliseconds. */
    void sample(String name, double value, Map<String, String> labels);

    /**
     * A gauge whose value is read each time the metrics are shown; the latest registration of
     * a name and labels wins.
     *
     * @return removes the gauge (when the bundle that feeds it stops)
     */
    Registration gauge(String name, Map<String, String> labels, DoubleSupplier value);

    /** A gauge's registration. */
    @FunctionalInterface
    interface Registration {
        void remove();
    }
}
