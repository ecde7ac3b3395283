package io.cairn.membership;

import java.time.Duration;

/**
 * How fast a pool notices failures and heals partitions, as memberlist's LAN and WAN presets.
 *
 * <p>A crashed member (process gone, its sockets closed by the kernel) is caught at once by
 * FD_SOCK2 and confirmed by VERIFY_SUSPECT2; a paused or cut-off one by the missing
 * heartbeats its ring neighbours watch ({@link RingHeartbeats}) after {@code heartbeatTimeout}.
 * LAN target: failed within 3 s.
 *
 * @param heartbeatInterval how often every member heartbeats the members that watch it
 * @param heartbeatTimeout  silence after which a watched member is suspected
 * @param verifyTimeout     how long a suspect has to answer before it is excluded (VERIFY_SUSPECT2)
 * @param mergeMinInterval  the shortest interval between two partition checks (MERGE3)
 * @param mergeMaxInterval  the longest (MERGE3 picks at random in between)
 * @param joinTimeout       how long a join waits for an answer (GMS, and {@code PUT /v1/agent/join})
 */
public record PoolTimings(Duration heartbeatInterval, Duration heartbeatTimeout, Duration verifyTimeout,
                          Duration mergeMinInterval, Duration mergeMaxInterval, Duration joinTimeout) {

    /** A LAN: sub-millisecond round trips; a member silent for 2 s is gone. */
    public static PoolTimings lan() {
        return new PoolTimings(Duration.ofMillis(500), Duration.ofMillis(2000), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    /** Up to this many members, partition checks run at the preset's pace. */
    static final int MERGE_SCALE_FROM = 8;

    /**
     * The partition checks' interval (min, max) for a pool of {@code members}: each check
     * costs every member a message to every other, so, like memberlist's push/pull, the
     * interval grows with the pool beyond {@value #MERGE_SCALE_FROM} members (a 50-member LAN
     * pool checks every 12-31 s): traffic per member stays flat, healing a partition slows.
     */
    public Duration[] mergeIntervals(int members) {
        double scale = Math.max(1.0, (double) members / MERGE_SCALE_FROM);
        return new Duration[] {scaled(mergeMinInterval, scale), scaled(mergeMaxInterval, scale)};
    }

    private static Duration scaled(Duration d, double scale) {
        return Duration.ofMillis(Math.round(d.toMillis() * scale));
    }

    /** A WAN between data centres: slower and lossier links, more patience. */
    public static PoolTimings wan() {
        return new PoolTimings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(10));
    }
}
