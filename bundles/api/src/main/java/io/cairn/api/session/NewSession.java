package io.cairn.api.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session to create ({@code PUT /v1/session/create}), its defaults already applied: the
 * store gives it an id and indexes.
 */
public record NewSession(String name, String node, Duration lockDelay, SessionBehavior behavior,
                         Optional<Duration> ttl, List<String> nodeChecks, List<ServiceCheck> serviceChecks) {

    public NewSession {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(lockDelay, "lockDelay");
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(ttl, "ttl");
        nodeChecks = List.copyOf(nodeChecks);
        serviceChecks = List.copyOf(serviceChecks);
    }
}
