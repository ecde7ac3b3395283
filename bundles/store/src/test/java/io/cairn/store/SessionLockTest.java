package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.consensus.StoreException;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvPut;
import io.cairn.api.session.NewSession;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;

/** Sessions and KV locks on a local log, with the leader's clock and ids under the test's control. */
class SessionLockTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();
    private StoreState state;
    private ReplicatedSessionStore sessions;
    private ReplicatedKvStore kv;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        LocalReplication log = new LocalReplication(state,
                new LeaderDecisions(clock, () -> new UUID(0, ids.incrementAndGet())));
        BlockingQuery blocking = new BlockingQuery(Runnable::run);
        sessions = new ReplicatedSessionStore(state, log, blocking);
        kv = new ReplicatedKvStore(state, log, blocking);
    }

    private String create(SessionBehavior behavior, Duration lockDelay) throws Exception {
        return get(sessions.create(new NewSession("lock", "node1", lockDelay, behavior, Optional.empty(),
                List.of(Session.SERF_HEALTH), List.of())).toCompletableFuture());
    }

    private boolean acquire(String key, String value, String session) throws Exception {
        return get(kv.acquire(KvPut.of(key, value.getBytes(StandardCharsets.UTF_8)), session).toCompletableFuture());
    }

    private boolean release(String key, String session) throws Exception {
        return get(kv.release(KvPut.of(key, new byte[0]), session).toCompletableFuture());
    }

    private KvEntry entry(String key) {
        return state.kvGet(key).value().orElseThrow();
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static QueryOptions blockingAt(long index) {
        return new QueryOptions(Optional.empty(), Optional.empty(), Consistency.DEFAULT, index, Duration.ofSeconds(30),
                Optional.empty(), Optional.empty(), java.util.Map.of());
    }

    @Test
    void theLeaderGivesEachSessionItsIdAndTheLogItsIndexes() throws Exception {
        String id = create(SessionBehavior.RELEASE, Duration.ofSeconds(15));
        assertThat(id).isEqualTo(new UUID(0, 1).toString());
        Session s = state.session(id).value().orElseThrow();
        assertThat(s.createIndex()).isEqualTo(1);
        assertThat(s.modifyIndex()).isEqualTo(1);
        assertThat(s.node()).isEqualTo("node1");
        assertThat(state.nodeSessions("node1").value()).containsExactly(s);
        assertThat(state.nodeSessions("other").value()).isEmpty();
    }

    @Test
    void aLockIsHeldByOneSessionAndCountsItsHolders() throws Exception {
        String a = create(SessionBehavior.RELEASE, Duration.ZERO);
        String b = create(SessionBehavior.RELEASE, Duration.ZERO);

        assertThat(acquire("lock", "a", a)).isTrue();
        assertThat(entry("lock").session()).contains(a);
        assertThat(entry("lock").lockIndex()).isEqualTo(1);

        assertThat(acquire("lock", "b", b)).as("held by another session").isFalse();
        assertThat(acquire("lock", "a2", a)).as("the holder may write again").isTrue();
        assertThat(entry("lock").lockIndex()).as("not a new holder").isEqualTo(1);
        assertThat(new String(entry("lock").value(), StandardCharsets.UTF_8)).isEqualTo("a2");

        assertThat(release("lock", b)).as("only the holder releases").isFalse();
        assertThat(release("lock", a)).isTrue();
        assertThat(entry("lock").session()).isEmpty();

        assertThat(acquire("lock", "b", b)).isTrue();
        assertThat(entry("lock").lockIndex()).isEqualTo(2);
    }

    @Test
    void anUnknownSessionIsRefusedWithConsulsMessage() {
        assertThatThrownBy(() -> acquire("lock", "x", "nope"))
                .isInstanceOf(StoreException.class)
                .hasMessage("invalid session \"nope\"");
        assertThat(state.kvGet("lock").value()).isEmpty();
    }

    @Test
    void destroyingASessionReleasesItsKeysAndWakesTheirReaders() throws Exception {
        String a = create(SessionBehavior.RELEASE, Duration.ZERO);
        acquire("lock", "a", a);
        long before = entry("lock").modifyIndex();
        CompletableFuture<QueryResult<Optional<KvEntry>>> parked =
                kv.get("lock", blockingAt(before)).toCompletableFuture();
        assertThat(parked).isNotDone();

        assertThat(get(sessions.destroy(a).toCompletableFuture())).isTrue();

        KvEntry released = parked.get(5, TimeUnit.SECONDS).value().orElseThrow();
        assertThat(released.session()).isEmpty();
        assertThat(released.modifyIndex()).isGreaterThan(before);
        assertThat(state.session(a).value()).isEmpty();
        assertThat(get(sessions.destroy(a).toCompletableFuture())).as("destroy is idempotent").isTrue();
    }

    @Test
    void aDeleteSessionTakesItsKeysWithIt() throws Exception {
        String a = create(SessionBehavior.DELETE, Duration.ZERO);
        acquire("eph/1", "x", a);
        acquire("eph/2", "y", a);
        kv.put(KvPut.of("eph/other", new byte[0]));

        get(sessions.destroy(a).toCompletableFuture());

        assertThat(state.kvList("eph/").value()).extracting(KvEntry::key).containsExactly("eph/other");
    }

    @Test
    void theLockDelayOfAnInvalidatedSessionIsCountedOnTheLeadersClock() throws Exception {
        String a = create(SessionBehavior.RELEASE, Duration.ofSeconds(15));
        String b = create(SessionBehavior.RELEASE, Duration.ofSeconds(15));
        acquire("lock", "a", a);
        get(sessions.destroy(a).toCompletableFuture());

        clock.advance(Duration.ofSeconds(14));
        assertThat(acquire("lock", "b", b)).as("within the lock-delay").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(acquire("lock", "b", b)).as("once it is over").isTrue();
    }

    @Test
    void aReleaseLeavesNoLockDelay() throws Exception {
        String a = create(SessionBehavior.RELEASE, Duration.ofSeconds(15));
        String b = create(SessionBehavior.RELEASE, Duration.ofSeconds(15));
        acquire("lock", "a", a);
        release("lock", a);
        assertThat(acquire("lock", "b", b)).isTrue();
    }

    @Test
    void renewingAnswersTheSessionOrNothing() throws Exception {
        String a = create(SessionBehavior.RELEASE, Duration.ZERO);
        assertThat(get(sessions.renew(a).toCompletableFuture())).hasValueSatisfying(s -> assertThat(s.id()).isEqualTo(a));
        assertThat(get(sessions.renew("gone").toCompletableFuture())).isEmpty();
    }

    @Test
    void aBlockingSessionListWakesOnACreate() throws Exception {
        create(SessionBehavior.RELEASE, Duration.ZERO);
        CompletableFuture<QueryResult<List<Session>>> parked = sessions.list(blockingAt(1)).toCompletableFuture();
        assertThat(parked).isNotDone();
        kv.put(KvPut.of("unrelated", new byte[0]));
        assertThat(parked).as("KV writes do not wake session reads").isNotDone();
        create(SessionBehavior.RELEASE, Duration.ZERO);
        assertThat(parked.get(5, TimeUnit.SECONDS).value()).hasSize(2);
    }

    @Test
    void sessionsAndLockDelaysSurviveASnapshot() throws Exception {
        String a = create(SessionBehavior.RELEASE, Duration.ofSeconds(15));
        acquire("lock", "a", a);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        state.writeSnapshot(out);
        StoreState copy = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        copy.restore(new java.io.ByteArrayInputStream(out.toByteArray()), state.lastApplied());
        assertThat(copy.session(a).value()).isEqualTo(state.session(a).value());
        assertThat(copy.kvGet("lock").value().orElseThrow().session()).contains(a);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
