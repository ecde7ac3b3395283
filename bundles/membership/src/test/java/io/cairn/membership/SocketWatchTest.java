package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

/** A neighbour without a known address is looked up, and waited for, before FD_SOCK2 gives up on it. */
class SocketWatchTest {

    private final Map<String, List<String>> known = new ConcurrentHashMap<>();
    private final List<String> lookups = new ArrayList<>();
    private final List<String> ended = new ArrayList<>();
    private long waited;

    private List<String> addresses(String member, long timeoutMillis, Runnable duringWait) {
        return SocketWatch.addresses(member, m -> known.getOrDefault(m, List.of()), m -> {
            lookups.add(m);
            return () -> ended.add(m);
        }, millis -> {
            waited += millis;
            duringWait.run();
        }, timeoutMillis);
    }

    @Test
    void aKnownAddressIsNotLookedUp() {
        known.put("b", List.of("127.0.0.2:8401"));

        assertThat(addresses("b", 1000, () -> { })).containsExactly("127.0.0.2:8401");
        assertThat(lookups).isEmpty();
        assertThat(waited).isZero();
    }

    @Test
    void anUnknownAddressIsLookedUpAndTakenAsSoonAsItComes() {
        List<String> result = addresses("b", 1000, () -> {
            if (waited >= 3 * SocketWatch.STEP_MILLIS) { // the seeds' answer came in the third step
                known.put("b", List.of("127.0.0.2:8401"));
            }
        });

        assertThat(result).containsExactly("127.0.0.2:8401");
        assertThat(lookups).containsExactly("b");
        assertThat(ended).containsExactly("b");
        assertThat(waited).isEqualTo(3 * SocketWatch.STEP_MILLIS);
    }

    @Test
    void anAddressThatNeverComesIsGivenUpAfterTheTimeoutAndTheLookupEnds() {
        assertThat(addresses("b", 1000, () -> { })).isEmpty();
        assertThat(waited).isEqualTo(1000);
        assertThat(ended).containsExactly("b");
    }
}
