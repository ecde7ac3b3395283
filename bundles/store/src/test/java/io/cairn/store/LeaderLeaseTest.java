package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LeaderLeaseTest {

    private static final Duration LEASE = Duration.ofMillis(900);
    private static final long NOW = 1_000_000_000_000L;

    @Test
    void aSingleServerAlwaysHoldsIt() {
        assertThat(LeaderLease.expiresAt(NOW, new long[0], LEASE)).isEqualTo(NOW + LEASE.toNanos());
    }

    @Test
    void threeServersNeedTheFreshestFollower() {
        long expires = LeaderLease.expiresAt(NOW, new long[] {5_000, 100}, LEASE);
        assertThat(expires).isEqualTo(NOW + Duration.ofMillis(800).toNanos());
    }

    @Test
    void fiveServersNeedTheSecondFreshestFollower() {
        long expires = LeaderLease.expiresAt(NOW, new long[] {10, 2_000, 300, 3_000}, LEASE);
        assertThat(expires).as("quorum of 3: the leader, and the followers heard 10 and 300 ms ago")
                .isEqualTo(NOW + Duration.ofMillis(600).toNanos());
    }

    @Test
    void aLeaderCutOffFromItsQuorumHasNone() {
        assertThat(LeaderLease.expiresAt(NOW, new long[] {1_200, 4_000}, LEASE)).isLessThan(NOW);
    }
}
