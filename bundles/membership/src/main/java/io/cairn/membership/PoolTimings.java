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
 * @param mergeMinInterval  the shortest interval between two partition probes ({@link PartitionProbe})
 * @param mergeMaxInterval  the longest (a round is drawn between max/2 and 1.5 max, at least min)
 * @param joinTimeout       how long a join waits for an answer (GMS, and {@code PUT /v1/agent/join})
 */
public record PoolTimings(Duration heartbeatInterval, Duration heartbeatTimeout, Duration verifyTimeout,
                          Duration mergeMinInterval, Duration mergeMaxInterval, Duration joinTimeout) {

    /**
     * A LAN: sub-millisecond round trips; a member silent for 1.5 s (three heartbeats) is suspected,
     * and failed 0.5 s later unless it answers: a paused member is failed within 3 s.
     */
    public static PoolTimings lan() {
        return new PoolTimings(Duration.ofMillis(500), Duration.ofMillis(1500), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    /** A WAN between data centres: slower and lossier links, more patience. */
    public static PoolTimings wan() {
        return new PoolTimings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(10));
    }
}
