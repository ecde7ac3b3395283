package io.cairn.api.check;

import java.util.Objects;

import io.cairn.api.catalog.HealthStatus;

/** What one run of a check found: a status and the output shown beside it. */
public record CheckResult(HealthStatus status, String output) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        output = Objects.requireNonNullElse(output, "");
    }

    public static CheckResult passing(String output) {
        return new CheckResult(HealthStatus.PASSING, output);
    }

    public static CheckResult warning(String output) {
        return new CheckResult(HealthStatus.WARNING, output);
    }

    public static CheckResult critical(String output) {
        return new CheckResult(HealthStatus.CRITICAL, output);
    }
}
