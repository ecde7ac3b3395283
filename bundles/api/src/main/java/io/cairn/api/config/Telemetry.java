package io.cairn.api.config;

import java.time.Duration;
import java.util.List;

/** {@code telemetry}: where metrics go; a zero {@code prometheusRetentionTime} leaves Prometheus format off. */
public record Telemetry(
        boolean disableHostname,
        Duration prometheusRetentionTime,
        String statsdAddress,
        String statsiteAddress,
        String dogstatsdAddr,
        List<String> dogstatsdTags,
        String metricsPrefix) {

    public Telemetry {
        dogstatsdTags = dogstatsdTags == null ? List.of() : List.copyOf(dogstatsdTags);
    }
}
