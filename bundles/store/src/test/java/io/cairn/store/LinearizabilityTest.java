package io.cairn.store;

import static io.cairn.store.Linearizability.Op.cas;
import static io.cairn.store.Linearizability.Op.read;
import static io.cairn.store.Linearizability.Op.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cairn.store.Linearizability.Op;

/** The checker on histories whose verdict is known, good and bad. */
class LinearizabilityTest {

    private static boolean ok(Op... ops) {
        return Linearizability.linearizable(List.of(ops));
    }

    @Test
    void aSequentialHistoryIsLinearizable() {
        assertThat(ok(read("k", null, 0, 1), write("k", "a", 2, 3), read("k", "a", 4, 5),
                cas("k", "a", "b", true, 6, 7), cas("k", "a", "c", false, 8, 9), read("k", "b", 10, 11))).isTrue();
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        assertThat(ok(write("k", "a", 0, 1), write("k", "b", 2, 10), read("k", "a", 3, 4), read("k", "b", 5, 6))).isTrue();
        assertThat(ok(write("k", "a", 0, 1), write("k", "b", 2, 10), read("k", "b", 3, 4))).isTrue();
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrder() {
        assertThat(ok(write("k", "a", 0, 10), write("k", "b", 1, 9), read("k", "a", 11, 12))).isTrue();
        assertThat(ok(write("k", "a", 0, 10), write("k", "b", 1, 9), read("k", "b", 11, 12))).isTrue();
    }

    @Test
    void aStaleReadAfterAnAcknowledgedWriteIsNot() {
        assertThat(ok(write("k", "a", 0, 1), write("k", "b", 2, 3), read("k", "a", 4, 5))).isFalse();
    }

    @Test
    void aReadOfAValueNeverWrittenIsNot() {
        assertThat(ok(write("k", "a", 0, 1), read("k", "x", 2, 3))).isFalse();
    }

    @Test
    void readsMayNotGoBackInTime() {
        // both reads overlap the write, but the second starts after the first saw the new value
        assertThat(ok(write("k", "a", 0, 1), write("k", "b", 2, 20), read("k", "b", 3, 4), read("k", "a", 5, 6))).isFalse();
    }

    @Test
    void twoCasFromTheSameValueCannotBothSucceed() {
        assertThat(ok(write("k", "a", 0, 1), cas("k", "a", "b", true, 2, 10), cas("k", "a", "c", true, 3, 9))).isFalse();
        assertThat(ok(write("k", "a", 0, 1), cas("k", "a", "b", true, 2, 10), cas("k", "a", "c", false, 3, 9))).isTrue();
    }

    @Test
    void aCasThatFailedWhileItsValueWasThereIsNot() {
        assertThat(ok(write("k", "a", 0, 1), cas("k", "a", "b", false, 2, 3))).isFalse();
        assertThat(ok(cas("k", null, "a", true, 0, 1), read("k", "a", 2, 3))).isTrue();
    }

    @Test
    void anUnknownWriteMayHaveTakenEffectLateOrNever() {
        assertThat(ok(write("k", "a", 0, 1), write("k", "b", 2, 3).unknown(), read("k", "a", 4, 5))).isTrue();
        assertThat(ok(write("k", "a", 0, 1), write("k", "b", 2, 3).unknown(), read("k", "a", 4, 5), read("k", "b", 6, 7)))
                .isTrue();
    }

    @Test
    void anUnknownWriteOnceSeenStaysSeen() {
        assertThat(ok(write("k", "a", 0, 1), write("k", "b", 2, 3).unknown(), read("k", "b", 4, 5), read("k", "a", 6, 7)))
                .isFalse();
    }

    @Test
    void anUnknownWriteCannotBeSeenBeforeItWasSent() {
        assertThat(ok(write("k", "a", 0, 1), read("k", "b", 2, 3), write("k", "b", 4, 5).unknown())).isFalse();
    }

    @Test
    void anUnknownCasMayHaveAppliedOrNot() {
        assertThat(ok(write("k", "a", 0, 1), cas("k", "a", "b", true, 2, 3).unknown(), read("k", "b", 4, 5))).isTrue();
        assertThat(ok(write("k", "a", 0, 1), cas("k", "a", "b", true, 2, 3).unknown(), read("k", "a", 4, 5))).isTrue();
        // but it cannot have applied from a value other than its expected one
        assertThat(ok(write("k", "x", 0, 1), cas("k", "a", "b", true, 2, 3).unknown(), read("k", "b", 4, 5))).isFalse();
    }

    @Test
    void unknownReadsAreLeftOutAndKeysAreCheckedApart() {
        List<Op> history = List.of(
                write("good", "a", 0, 1), read("good", "zzz", 2, 3).unknown(), read("good", "a", 4, 5),
                write("bad", "a", 0, 1), write("bad", "b", 2, 3), read("bad", "a", 4, 5));
        assertThat(Linearizability.violations(history)).containsOnlyKeys("bad");
    }

    @Test
    void aLongConcurrentHistoryIsCheckedQuickly() {
        // 4 clients, 300 rounds of overlapping writes each followed by a read of the last of them
        List<Op> history = new ArrayList<>();
        long t = 0;
        for (int round = 0; round < 300; round++) {
            for (int client = 0; client < 4; client++) {
                history.add(write("k", round + "-" + client, t + client, t + 10 + client));
            }
            history.add(read("k", round + "-3", t + 14, t + 15));
            t += 20;
        }
        assertThat(Linearizability.linearizable(history)).isTrue();
        history.add(read("k", "0-0", t, t + 1));
        assertThat(Linearizability.linearizable(history)).isFalse();
    }
}
