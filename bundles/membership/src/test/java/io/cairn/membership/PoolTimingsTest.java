package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PoolTimingsTest {

    @Test
    void smallPoolsCheckForPartitionsAtThePresetsPace() {
        assertThat(PoolTimings.lan().mergeIntervals(3)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThat(PoolTimings.lan().mergeIntervals(8)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void largerPoolsCheckLessOftenInProportionSoEachMembersTrafficStaysFlat() {
        assertThat(PoolTimings.lan().mergeIntervals(50))
                .containsExactly(Duration.ofMillis(12_500), Duration.ofMillis(31_250));
        assertThat(PoolTimings.lan().mergeIntervals(100)[1]).isEqualTo(Duration.ofMillis(62_500));
    }
}
