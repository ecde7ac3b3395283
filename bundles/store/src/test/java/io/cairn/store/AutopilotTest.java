package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.membership.MemberStatus;

/** What the leader changes in the Raft group as servers join, fail and leave the pool. */
class AutopilotTest {

    private static ServerCandidate server(String name) {
        return new ServerCandidate(name, "10.0.0." + name.charAt(name.length() - 1), 8303, 8300);
    }

    private static Autopilot.Change change(List<String> peers, List<ServerCandidate> alive,
                                           Map<String, MemberStatus> statuses, int expected) {
        return Autopilot.change(peers, alive, n -> Optional.ofNullable(statuses.get(n)), expected);
    }

    @Test
    void aSettledGroupIsLeftAlone() {
        assertThat(change(List.of("s1", "s2", "s3"), List.of(server("s1"), server("s2"), server("s3")),
                Map.of("s1", MemberStatus.ALIVE, "s2", MemberStatus.ALIVE, "s3", MemberStatus.ALIVE), 3).none())
                .isTrue();
    }

    @Test
    void anAliveServerThatIsNoPeerIsAdded() {
        Autopilot.Change change = change(List.of("s1", "s2", "s3"),
                List.of(server("s1"), server("s2"), server("s3"), server("s4")), Map.of(), 3);
        assertThat(change.joining()).containsExactly(server("s4"));
        assertThat(change.leaving()).isEmpty();
    }

    @Test
    void aFailedPeerKeepsItsSeatUntilReplaced() {
        Map<String, MemberStatus> s3Failed = Map.of("s3", MemberStatus.FAILED);
        assertThat(change(List.of("s1", "s2", "s3"), List.of(server("s1"), server("s2")), s3Failed, 3).none())
                .as("three peers, three expected: s3 may come back").isTrue();

        Autopilot.Change replaced = change(List.of("s1", "s2", "s3"),
                List.of(server("s1"), server("s2"), server("s4")), s3Failed, 3);
        assertThat(replaced.joining()).containsExactly(server("s4"));
        assertThat(replaced.leaving()).containsExactly("s3");
    }

    @Test
    void aPeerThatLeftIsRemovedAtOnce() {
        assertThat(change(List.of("s1", "s2", "s3"), List.of(server("s1"), server("s2")),
                Map.of("s3", MemberStatus.LEFT), 3).leaving()).containsExactly("s3");
    }
}
