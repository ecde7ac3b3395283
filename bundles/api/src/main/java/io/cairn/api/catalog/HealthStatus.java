package io.cairn.api.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * The status of a health check. Written and read as Consul's lower-case words
 * ({@link #toString()} is the wire name).
 */
public enum HealthStatus {
    PASSING("passing"),
    WARNING("warning"),
    CRITICAL("critical"),
    /** Only a filter value in Consul's API (maintenance mode is a critical check); never a stored status. */
    MAINTENANCE("maintenance");

    private final String wireName;

    HealthStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The status as Consul writes it: {@code passing}, {@code warning}, {@code critical}, {@code maintenance}. */
    @Override
    public String toString() {
        return wireName;
    }

    /** The status of a wire name, matched exactly as Consul does; empty for any other word. */
    public static Optional<HealthStatus> ofWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
