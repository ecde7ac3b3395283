package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jgroups.protocols.PingData;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.NameCache;
import org.jgroups.util.Responses;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.Test;

/** A joiner with seeds asks again, rather than form a pool of its own, when a discovery run is not answered. */
class SeedDiscoveryTest {

    private final List<Responses> runs = new ArrayList<>();

    private static PingData coordinator() {
        UUID address = UUID.randomUUID();
        NameCache.add(address, "seed");
        return new PingData(address, true, "seed", new IpAddress(7800)).coord(true);
    }

    /** Discovery runs answered from the {@code answeredFrom}-th on (1-based; 0: never). */
    private Responses discover(int rounds, int answeredFrom) {
        return SeedDiscovery.untilAnswered(() -> {
            Responses responses = new Responses(0, true);
            runs.add(responses);
            if (answeredFrom > 0 && runs.size() >= answeredFrom) {
                responses.addResponse(coordinator(), true);
            }
            return responses;
        }, 10, rounds, () -> false);
    }

    @Test
    void anAnsweredRunIsTheOnlyOne() {
        Responses responses = discover(4, 1);

        assertThat(runs).hasSize(1);
        assertThat(responses.isEmpty()).isFalse();
    }

    @Test
    void unansweredRunsAreEndedAndRepeatedUntilOneIsAnswered() {
        Responses responses = discover(4, 3);

        assertThat(runs).hasSize(3);
        assertThat(responses.isEmpty()).isFalse();
        assertThat(runs.subList(0, 2)).allMatch(Responses::isDone);
    }

    @Test
    void afterTheLastRoundTheJoinerIsLeftWithNoAnswerAndFormsItsOwnPool() {
        Responses responses = discover(4, 0);

        assertThat(runs).hasSize(4);
        assertThat(responses.isEmpty()).isTrue();
    }

    @Test
    void aJoinerThatLeavesStopsAsking() {
        Responses responses = SeedDiscovery.untilAnswered(() -> {
            Responses r = new Responses(0, true);
            runs.add(r);
            return r;
        }, 10, 4, () -> true);

        assertThat(runs).hasSize(1);
        assertThat(responses.isEmpty()).isTrue();
    }
}
