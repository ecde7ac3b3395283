package io.cairn.store;

import java.util.concurrent.CompletableFuture;

import io.cairn.api.http.Consistency;

/** How the stores reach consensus: writes through the log, reads gated by the consistency mode. */
public interface Replication {

    /**
     * The largest command the log takes (Ratis's log entry limit is raised to it): a snapshot
     * restore is one command carrying the whole state, so this bounds what can be restored.
     */
    int MAX_COMMAND_BYTES = 16 * 1024 * 1024;

    /** Commits a command through the log; completes with its outcome once applied. */
    CompletableFuture<Boolean> submit(Command command);

    /**
     * Commits a command through the log; completes with everything applying it answered
     * (a refusal is an outcome here, not a failure).
     */
    CompletableFuture<Outcome> execute(Command command);

    /**
     * Completes once this server's state may answer a read in {@code mode}: at once for
     * {@code STALE} and for {@code DEFAULT} on the leader; after a ReadIndex round otherwise.
     */
    CompletableFuture<Void> readable(Consistency mode);

    /** What this server knows of the leader now. */
    LeaderContact contact();

    /**
     * @param knownLeader   whether a leader is known
     * @param lastContactMs milliseconds since the leader was last heard from; 0 on the leader
     */
    record LeaderContact(boolean knownLeader, long lastContactMs) {
    }
}
