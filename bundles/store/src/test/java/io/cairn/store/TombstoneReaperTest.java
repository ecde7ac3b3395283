package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TombstoneReaperTest {

    private static final Duration TTL = Duration.ofMinutes(15);

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicBoolean leading = new AtomicBoolean(true);
    private StoreState state;
    private LocalReplication log;
    private TombstoneReaper reaper;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        log = new LocalReplication(state);
        reaper = new TombstoneReaper(leading::get, state, log, clock::get, TTL);
    }

    private void write(Command command) {
        log.submit(command).join();
    }

    private void after(Duration elapsed) {
        clock.addAndGet(elapsed.toNanos());
        reaper.tick();
    }

    @Test
    void aTombstoneIsReapedOnceOlderThanTheTtl() {
        write(new Command.KvSet("k", "v".getBytes(StandardCharsets.UTF_8), 0));
        write(new Command.KvDelete("k"));
        reaper.tick();

        after(TTL.minusSeconds(30));
        assertThat(state.kvGet("k").index()).as("still there").isEqualTo(2);
        assertThat(state.oldestTombstone()).isEqualTo(2);

        after(Duration.ofSeconds(30));
        assertThat(state.oldestTombstone()).isZero();
        assertThat(state.lastApplied()).as("one reap went through the log").isEqualTo(3);
    }

    @Test
    void aYoungerTombstoneWaitsForItsOwnTtl() {
        write(new Command.KvSet("old", new byte[0], 0));
        write(new Command.KvDelete("old"));
        reaper.tick();
        after(TTL.dividedBy(2));
        write(new Command.KvSet("young", new byte[0], 0));
        write(new Command.KvDelete("young"));
        reaper.tick();

        after(TTL.dividedBy(2));
        assertThat(state.kvGet("old").index()).isGreaterThanOrEqualTo(2);
        assertThat(state.oldestTombstone()).as("only the young one left").isEqualTo(4);
        after(TTL.dividedBy(2));
        assertThat(state.oldestTombstone()).isZero();
    }

    @Test
    void nothingToReapWritesNothing() {
        write(new Command.KvSet("k", new byte[0], 0));
        reaper.tick();
        after(TTL.plusMinutes(1));
        assertThat(state.lastApplied()).isEqualTo(1);
    }

    @Test
    void aFollowerReapsNothingAndANewLeaderWaitsAFullTtl() {
        write(new Command.KvSet("k", new byte[0], 0));
        write(new Command.KvDelete("k"));
        leading.set(false);
        after(TTL.plusMinutes(1));
        assertThat(state.oldestTombstone()).isEqualTo(2);

        leading.set(true);
        after(Duration.ofSeconds(30));
        assertThat(state.oldestTombstone()).as("elected 30 s ago").isEqualTo(2);
        after(TTL);
        assertThat(state.oldestTombstone()).isZero();
    }
}
