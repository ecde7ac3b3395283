package io.cairn.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ServerSelectorTest {

    private static final List<String> SERVERS = List.of("10.0.0.1:8300", "10.0.0.2:8300", "10.0.0.3:8300");

    @Test
    void eachKnownServerIsTriedOnceAndNoneWhenNoneIsKnown() {
        assertThat(new ServerSelector(() -> SERVERS, new Random(1)).order())
                .containsExactlyInAnyOrderElementsOf(SERVERS);
        assertThat(new ServerSelector(List::of, new Random(1)).order()).isEmpty();
    }

    @Test
    void clientsStartAtDifferentServersSoTheLoadSpreads() {
        Set<String> firsts = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            firsts.add(new ServerSelector(() -> SERVERS, random).order().get(0));
        }
        assertThat(firsts).containsExactlyInAnyOrderElementsOf(SERVERS);
    }

    @Test
    void theLeaderComesFirstThenTheServerThatAnsweredLast() {
        ServerSelector selector = new ServerSelector(() -> SERVERS, new Random(3));
        selector.answered("10.0.0.3:8300");
        selector.leaderIs(Optional.of("10.0.0.2:8300"));
        assertThat(selector.order()).containsExactly("10.0.0.2:8300", "10.0.0.3:8300", "10.0.0.1:8300");
    }

    @Test
    void anUnreachableLeaderIsNoLongerPreferred() {
        ServerSelector selector = new ServerSelector(() -> SERVERS, new Random(3));
        selector.leaderIs(Optional.of("10.0.0.2:8300"));
        selector.unreachable("10.0.0.2:8300");
        assertThat(selector.leaderKnown()).isFalse();
        assertThat(selector.order()).hasSize(3);
    }

    @Test
    void anEmptyLeaderAnswerMeansNoLeader() {
        ServerSelector selector = new ServerSelector(() -> SERVERS, new Random(3));
        selector.leaderIs(Optional.of(""));
        assertThat(selector.leaderKnown()).isFalse();
    }

    @Test
    void aServerThatLeftIsNotTriedBecauseItAnsweredOnce() {
        ServerSelector selector = new ServerSelector(() -> List.of("10.0.0.1:8300"), new Random(3));
        selector.answered("10.0.0.9:8300");
        assertThat(selector.order()).containsExactly("10.0.0.1:8300");
    }
}
