package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.SHARED_LOOPBACK;
import org.jgroups.protocols.SHARED_LOOPBACK_PING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.junit.jupiter.api.AfterEach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who heartbeats whom on the ring: the next members of the view, wrapping around, never oneself. */
class RingHeartbeatsTest {

    private static final List<String> VIEW = List.of("a", "b", "c", "d", "e", "f");

    @ParameterizedTest
    @CsvSource({
            "a, 1, 3, b c d",
            "e, 1, 3, f a b",
            "a, -1, 3, f e d",
            "c, -1, 3, b a f",
            "c, 1, 1, d"})
    void neighboursFollowTheViewAroundTheRing(String self, int step, int count, String expected) {
        assertThat(RingHeartbeats.neighbours(VIEW, self, step, count)).containsExactly(expected.split(" "));
    }

    @ParameterizedTest
    @CsvSource({"1, ''", "2, b", "3, b c", "4, b c d"})
    void aSmallViewHasFewerNeighboursAndNeverThisMemberTwice(int size, String expected) {
        List<String> view = VIEW.subList(0, size);
        List<String> next = RingHeartbeats.neighbours(view, "a", 1, RingHeartbeats.WATCHERS);

        assertThat(String.join(" ", next)).isEqualTo(expected);
        assertThat(next).doesNotContain("a").doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({"a", "c", "f"})
    void everyMemberIsWatchedByTheMembersItHeartbeats(String member) {
        // the members a member watches are exactly those that heartbeat it
        for (String watcher : RingHeartbeats.neighbours(VIEW, member, 1, RingHeartbeats.WATCHERS)) {
            assertThat(RingHeartbeats.neighbours(VIEW, watcher, -1, RingHeartbeats.WATCHERS)).contains(member);
        }
    }

    @Test
    void aNewlyWatchedMembersSilenceIsExcusedUntilItIsHeardOrTheGraceEnds() {
        RingHeartbeats.FirstWord<String> firstWord = new RingHeartbeats.FirstWord<>();
        firstWord.watch(List.of("a", "b"), List.of("b", "c", "d"), 1000);

        assertThat(firstWord.excused("b", 0)).isFalse(); // watched before: timed as it was
        assertThat(firstWord.excused("c", 999)).isTrue();
        assertThat(firstWord.excused("c", 1000)).isFalse(); // the grace ended
        firstWord.heard("d");
        assertThat(firstWord.excused("d", 0)).isFalse(); // heard: timed from now on
    }

    @Test
    void aMemberNoLongerWatchedLosesItsGraceAndGetsANewOneWhenWatchedAgain() {
        RingHeartbeats.FirstWord<String> firstWord = new RingHeartbeats.FirstWord<>();
        firstWord.watch(List.of(), List.of("c"), 1000);
        firstWord.watch(List.of("c"), List.of("d"), 2000);

        assertThat(firstWord.excused("c", 0)).isFalse();
        firstWord.watch(List.of("d"), List.of("c", "d"), 3000);
        assertThat(firstWord.excused("c", 2500)).isTrue();
        assertThat(firstWord.excused("d", 1500)).isTrue(); // still waiting for its first word
    }

    @Test
    void aSuspectCountsTheDifferentWatchersThatReportedItWithinTheWindow() {
        RingHeartbeats.Reports<String> reports = new RingHeartbeats.Reports<>();

        assertThat(reports.report("x", "w1", 0, 2000)).isEqualTo(1);
        assertThat(reports.report("x", "w1", 500, 2000)).isEqualTo(1); // the same watcher again
        assertThat(reports.report("y", "w2", 600, 2000)).isEqualTo(1); // another suspect
        assertThat(reports.report("x", "w2", 1000, 2000)).isEqualTo(2);
        assertThat(reports.report("x", "w3", 3000, 2000)).isEqualTo(2); // w1's last report is too old
    }

    @Test
    void reportsOnMembersThatLeftTheViewAreForgotten() {
        RingHeartbeats.Reports<String> reports = new RingHeartbeats.Reports<>();
        reports.report("x", "w1", 0, 2000);
        reports.retain(List.of("w1", "w2"));

        assertThat(reports.report("x", "w2", 100, 2000)).isEqualTo(1);
    }

    @Test
    void aMemberNotInTheViewHasNoNeighbours() {
        assertThat(RingHeartbeats.neighbours(VIEW, "z", 1, 3)).isEmpty();
    }

    private final List<JChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(JChannel::close);
    }

    /** A member in memory (no sockets), its messages dropped on both ways once its DISCARD is turned on. */
    private JChannel member(String name, String cluster) throws Exception {
        JChannel channel = new JChannel(new SHARED_LOOPBACK(), new DISCARD(), new SHARED_LOOPBACK_PING(),
                new RingHeartbeats().setInterval(100).setTimeout(600), new VERIFY_SUSPECT2().setTimeout(300),
                new NAKACK2(), new UNICAST3(), new STABLE(), new GMS().setJoinTimeout(500)).name(name);
        channels.add(channel);
        return channel.connect(cluster);
    }

    @Test
    void aSilentMemberWatchedOnlyByOthersThanTheCoordinatorIsReportedAndExcluded() throws Exception {
        for (String name : List.of("m0", "m1", "m2", "m3", "m4", "m5")) {
            member(name, "ring-silent");
        }
        JChannel coordinator = channels.get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.getView().size() == 6);
        Address silent = coordinator.getView().getMembers().get(1);
        // the coordinator heartbeats the three members after it and watches the three before: not this one
        assertThat(RingHeartbeats.neighbours(coordinator.getView().getMembers(), coordinator.getAddress(), -1,
                RingHeartbeats.WATCHERS)).doesNotContain(silent);
        JChannel paused = channels.stream().filter(c -> c.getAddress().equals(silent)).findFirst().orElseThrow();

        DISCARD discard = paused.getProtocolStack().findProtocol(DISCARD.class);
        discard.discardAll(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.getView().size() == 5
                && !coordinator.getView().containsMember(silent));
    }

    @Test
    void eachMemberSendsAsManyHeartbeatsAsItHasWatchersWhateverThePoolSize() throws Exception {
        for (int i = 0; i < 8; i++) {
            member("h" + i, "ring-count");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.stream().allMatch(c -> c.getView().size() == 8));
        RingHeartbeats ring = channels.get(3).getProtocolStack().findProtocol(RingHeartbeats.class);
        int before = ring.getHeartbeatsSent();
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> ring.getHeartbeatsSent() - before >= 30);

        // 30 heartbeats at 3 a round take 10 rounds of 100 ms; heartbeating the 7 others would take 5
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(700));
        assertThat(channels).allMatch(c -> c.getView().size() == 8); // and nobody was suspected
    }
}
