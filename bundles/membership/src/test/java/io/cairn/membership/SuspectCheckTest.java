package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The verifier's own stalls: how late its periodic check runs, summed. */
class SuspectCheckTest {

    private final SuspectCheck.Stalls stalls = new SuspectCheck.Stalls();

    @Test
    void runsOnTimeAddNoStall() {
        stalls.ran(1000, 500);
        stalls.ran(1500, 500);

        assertThat(stalls.ran(2000, 500)).isZero();
    }

    @Test
    void eachLateRunAddsHowLateItWasAndAnEarlyOneTakesNothingBack() {
        stalls.ran(1000, 500);
        assertThat(stalls.ran(2300, 500)).isEqualTo(800);
        assertThat(stalls.ran(2400, 500)).isEqualTo(800); // a catch-up run right after
        assertThat(stalls.ran(3100, 500)).isEqualTo(1000);
        assertThat(stalls.total()).isEqualTo(1000);
    }
}
