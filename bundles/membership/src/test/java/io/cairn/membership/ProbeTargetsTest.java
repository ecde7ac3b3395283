package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jgroups.Address;
import org.jgroups.PhysicalAddress;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** Whom a member probes for a pool it is not part of: what should be in its view and is not. */
class ProbeTargetsTest {

    private final ProbeTargets targets = new ProbeTargets();
    private final PhysicalAddress self = at(1);
    private final Address me = UUID.randomUUID();
    private final Random random = new Random(7);

    private static PhysicalAddress at(int n) {
        return new IpAddress(java.net.InetAddress.getLoopbackAddress(), 8300 + n);
    }

    private static Map<Address, PhysicalAddress> view(Object... memberThenAddress) {
        Map<Address, PhysicalAddress> view = new LinkedHashMap<>();
        for (int i = 0; i < memberThenAddress.length; i += 2) {
            view.put((Address) memberThenAddress[i], (PhysicalAddress) memberThenAddress[i + 1]);
        }
        return view;
    }

    private List<PhysicalAddress> pick(List<PhysicalAddress> known, Map<Address, PhysicalAddress> view) {
        return targets.pick(known, view, self, 10, random);
    }

    @Test
    void aWholePoolWhoseSeedsAreAllInItProbesNoOne() {
        Address a = UUID.randomUUID();
        Address b = UUID.randomUUID();
        assertThat(pick(List.of(self, at(2), at(3)), view(me, self, a, at(2), b, at(3)))).isEmpty();
    }

    @Test
    void aMemberAloneProbesItsSeedsUntilTheyAreInItsView() {
        Address seed = UUID.randomUUID();
        assertThat(pick(List.of(self, at(2), at(3)), view(me, self))).containsExactlyInAnyOrder(at(2), at(3));
        assertThat(pick(List.of(self, at(2), at(3)), view(me, self, seed, at(2)))).containsExactly(at(3));
    }

    @Test
    void aMemberThatDroppedOutOfTheViewIsProbedUntilItIsBack() {
        Address other = UUID.randomUUID();
        Map<Address, PhysicalAddress> whole = view(me, self, other, at(5));
        targets.viewChanged(whole, List.of(me));
        assertThat(pick(List.of(self), view(me, self))).containsExactly(at(5));

        targets.viewChanged(view(me, self), List.of(me, other));
        assertThat(pick(List.of(self), whole)).isEmpty();
        targets.viewChanged(whole, List.of(me, other));
        assertThat(pick(List.of(self), whole)).isEmpty();
    }

    @Test
    void aMemberThatLeftIsNotProbedWhetherItsLeaveCameBeforeOrAfterItDroppedOut() {
        Address before = UUID.randomUUID();
        Address after = UUID.randomUUID();
        Map<Address, PhysicalAddress> whole = view(me, self, before, at(5), after, at(6));
        targets.left(at(5), whole); // its leave intent, while it was still in the view
        targets.viewChanged(whole, List.of(me));
        targets.left(at(6), view(me, self, before, at(5))); // its leave intent overtaken by the view
        assertThat(pick(List.of(self, at(5), at(6)), view(me, self))).isEmpty();
    }

    @Test
    void aMemberThatLeftAndCameBackUnderANewIdentityIsProbedAgainWhenItDrops() {
        Address firstRun = UUID.randomUUID();
        Address secondRun = UUID.randomUUID();
        Map<Address, PhysicalAddress> firstView = view(me, self, firstRun, at(5));
        targets.left(at(5), firstView);
        targets.viewChanged(firstView, List.of(me));
        assertThat(pick(List.of(self), view(me, self))).isEmpty();

        Map<Address, PhysicalAddress> rejoined = view(me, self, secondRun, at(5));
        assertThat(pick(List.of(self), rejoined)).isEmpty();
        targets.viewChanged(rejoined, List.of(me));
        assertThat(pick(List.of(self), view(me, self))).containsExactly(at(5));
    }

    @Test
    void aRoundProbesAtMostTheGivenNumberAtRandom() {
        List<PhysicalAddress> seeds = List.of(at(2), at(3), at(4), at(5), at(6));
        Set<PhysicalAddress> seen = new java.util.HashSet<>();
        for (int round = 0; round < 20; round++) {
            List<PhysicalAddress> chosen = targets.pick(seeds, view(me, self), self, PartitionProbe.PROBES_PER_ROUND, random);
            assertThat(chosen).hasSize(PartitionProbe.PROBES_PER_ROUND).doesNotHaveDuplicates();
            seen.addAll(chosen);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(seeds);
    }

    @Test
    void aMemberTellingOfAnotherViewIsAnsweredOncePerInterval() {
        long second = 1_000_000_000L;
        assertThat(targets.answer(at(5), 0, 2 * second)).isTrue();
        assertThat(targets.answer(at(5), second, 2 * second)).as("its next probe within the interval").isFalse();
        assertThat(targets.answer(at(6), second, 2 * second)).as("another member").isTrue();
        assertThat(targets.answer(at(5), 2 * second, 2 * second)).isTrue();
    }
}
