package io.cairn.api.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session as the replicated state holds it.
 *
 * @param id            the UUID the leader gave it
 * @param name          a free-form name, may be ""
 * @param node          the node it belongs to; it dies with the node
 * @param lockDelay     how long keys it held stay unlockable after it is invalidated
 * @param behavior      what its end does to the keys it holds
 * @param ttl           when present, it must be renewed within this time (it is reaped at
 *                      twice this after the last renewal)
 * @param nodeChecks    node checks it dies with (by default {@code serfHealth})
 * @param serviceChecks service checks it dies with
 * @param createIndex   the Raft index that created it
 * @param modifyIndex   the Raft index of its last change
 */
public record Session(String id, String name, String node, Duration lockDelay, SessionBehavior behavior,
                      Optional<Duration> ttl, List<String> nodeChecks, List<ServiceCheck> serviceChecks,
                      long createIndex, long modifyIndex) {

    /** The check every session of a node depends on unless told otherwise. */
    public static final String SERF_HEALTH = "serfHealth";

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(lockDelay, "lockDelay");
        Objects.requireNonNull(behavior, "behavior");
        Objects.requireNonNull(ttl, "ttl");
        nodeChecks = List.copyOf(nodeChecks);
        serviceChecks = List.copyOf(serviceChecks);
    }
}
