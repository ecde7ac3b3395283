package io.cairn.store;

import java.time.Duration;
import java.util.Arrays;

/**
 * Consul's default read mode: the leader answers from its own state, without a round of
 * heartbeats, while it holds a lease — a quorum of the group has heard from it within the
 * lease, so no other server can have been elected yet (followers wait at least an election
 * timeout after the last heartbeat they received before they stand).
 *
 * <p>Plain arithmetic on the time since each follower last answered: the leader counts as
 * one voice, so a group of n needs the n/2 most recent followers.
 */
final class LeaderLease {

    private LeaderLease() {
    }

    /**
     * Until when (on the {@code nowNanos} clock, compared as {@link System#nanoTime} values are)
     * the lease holds, or a time in the past when it does not.
     *
     * @param sinceContactMillis for each follower, how long ago it last answered the leader
     * @param lease how long after a follower's answer the leader may count on it
     */
    static long expiresAt(long nowNanos, long[] sinceContactMillis, Duration lease) {
        int needed = (sinceContactMillis.length + 1) / 2;
        if (needed == 0) {
            // a group of one: the leader is its own quorum, heard from now
            return nowNanos + lease.toNanos();
        }
        long[] sorted = sinceContactMillis.clone();
        Arrays.sort(sorted);
        long quorumContact = sorted[needed - 1];
        return nowNanos + lease.minusMillis(quorumContact).toNanos();
    }
}
