package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.kv.KvEntry;

/** The state machine on plain objects: commands applied at explicit Raft indexes. */
class StoreStateTest {

    private StoreState state;
    private long index;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        index = 0;
    }

    private boolean apply(Command command) {
        return state.apply(++index, command);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private KvEntry entry(String key) {
        return state.kvGet(key).value().orElseThrow();
    }

    @Test
    void theRaftIndexIsCreateAndModifyIndex() {
        apply(new Command.KvSet("a", bytes("1"), 0));
        apply(new Command.KvSet("other", bytes("x"), 0));
        apply(new Command.KvSet("a", bytes("2"), 5));

        KvEntry a = entry("a");
        assertThat(a.createIndex()).isEqualTo(1);
        assertThat(a.modifyIndex()).isEqualTo(3);
        assertThat(a.flags()).isEqualTo(5);
        assertThat(a.value()).isEqualTo(bytes("2"));
        assertThat(a.lockIndex()).isZero();
        assertThat(a.session()).isEmpty();
        assertThat(state.kvGet("a").index()).isEqualTo(3);
    }

    @Test
    void flagsAreUnsigned64Bits() {
        apply(new Command.KvSet("a", bytes(""), -1L));
        assertThat(Long.toUnsignedString(entry("a").flags())).isEqualTo("18446744073709551615");
    }

    @Test
    void casZeroCreatesOnlyIfAbsent() {
        assertThat(apply(new Command.KvCas("a", bytes("1"), 0, 0))).isTrue();
        assertThat(apply(new Command.KvCas("a", bytes("2"), 0, 0))).isFalse();
        assertThat(entry("a").value()).isEqualTo(bytes("1"));
    }

    @Test
    void casWritesOnlyAtTheMatchingModifyIndex() {
        apply(new Command.KvSet("a", bytes("1"), 0));
        assertThat(apply(new Command.KvCas("a", bytes("2"), 0, 7))).isFalse();
        assertThat(apply(new Command.KvCas("a", bytes("3"), 0, 1))).isTrue();
        assertThat(entry("a").value()).isEqualTo(bytes("3"));
        assertThat(apply(new Command.KvCas("absent", bytes("x"), 0, 4))).isFalse();
    }

    @Test
    void aFailedCasChangesNothing() {
        apply(new Command.KvSet("a", bytes("1"), 0));
        apply(new Command.KvCas("a", bytes("2"), 0, 99));
        assertThat(state.kvGet("a").index()).isEqualTo(1);
        assertThat(state.lastApplied()).isEqualTo(2);
    }

    @Test
    void deleteIsTrueEvenForAnAbsentKeyAndLeavesAnIndex() {
        apply(new Command.KvSet("a", bytes("1"), 0));
        assertThat(apply(new Command.KvDelete("a"))).isTrue();
        assertThat(apply(new Command.KvDelete("never"))).isTrue();
        Indexed<Optional<KvEntry>> gone = state.kvGet("a");
        assertThat(gone.value()).isEmpty();
        assertThat(gone.index()).as("the tombstone's index").isEqualTo(2);
    }

    @Test
    void reapedTombstonesLeaveNoIndexGoingBackwards() {
        apply(new Command.KvSet("dir/a", bytes("1"), 0));
        apply(new Command.KvSet("dir/b", bytes("2"), 0));
        apply(new Command.KvDelete("dir/b"));
        apply(new Command.KvSet("other", bytes("3"), 0));
        long before = state.kvList("dir/").index();
        assertThat(before).as("the tombstone of dir/b").isEqualTo(3);

        assertThat(apply(new Command.TombstoneReap(3))).isTrue();

        assertThat(state.oldestTombstone()).isZero();
        assertThat(state.kvList("dir/").index()).as("held up by the floor").isGreaterThanOrEqualTo(before);
        assertThat(state.kvGet("dir/b").index()).isGreaterThanOrEqualTo(3);
        assertThat(state.kvList("dir/").value()).extracting(KvEntry::key).containsExactly("dir/a");
    }

    @Test
    void aBatchAppliesEachWriteInOrderAtTheEntrysIndexWithItsOwnOutcome() {
        apply(new Command.KvSet("a", bytes("1"), 0));

        Outcome outcome = state.execute(++index, new Command.Batch(List.of(
                new Command.KvSet("b", bytes("2"), 0),
                new Command.KvCas("a", bytes("x"), 0, 99),
                new Command.KvCas("b", bytes("3"), 0, index))));

        assertThat(outcome.each()).containsExactly(Outcome.of(true), Outcome.of(false), Outcome.of(true));
        assertThat(entry("b").value()).as("the second write to b saw the first").isEqualTo(bytes("3"));
        assertThat(entry("b").modifyIndex()).isEqualTo(2);
        assertThat(entry("a").value()).isEqualTo(bytes("1"));
        assertThat(state.lastApplied()).isEqualTo(2);
    }

    @Test
    void onlyWritesTheLeaderDecidesNothingForMayBeGrouped() {
        assertThatThrownBy(() -> new Command.Batch(List.of(new Command.SessionRenew("s"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteCasMatchesTheModifyIndex() {
        apply(new Command.KvSet("a", bytes("1"), 0));
        assertThat(apply(new Command.KvDeleteCas("a", 5))).isFalse();
        assertThat(state.kvGet("a").value()).isPresent();
        assertThat(apply(new Command.KvDeleteCas("a", 1))).isTrue();
        assertThat(state.kvGet("a").value()).isEmpty();
        assertThat(apply(new Command.KvDeleteCas("a", 1))).as("absent counts as deleted, as Consul").isTrue();
    }

    @Test
    void recurseListsAndDeletesAPrefix() {
        apply(new Command.KvSet("web/a", bytes("1"), 0));
        apply(new Command.KvSet("web/b", bytes("2"), 0));
        apply(new Command.KvSet("webx", bytes("3"), 0));
        apply(new Command.KvSet("db/a", bytes("4"), 0));

        assertThat(state.kvList("web/").value()).extracting(KvEntry::key).containsExactly("web/a", "web/b");
        assertThat(state.kvList("web/").index()).isEqualTo(2);
        assertThat(state.kvList("").value()).extracting(KvEntry::key).containsExactly("db/a", "web/a", "web/b", "webx");

        apply(new Command.KvDeleteTree("web/"));
        assertThat(state.kvList("web/").value()).isEmpty();
        assertThat(state.kvList("web/").index()).isEqualTo(5);
        assertThat(state.kvList("").value()).extracting(KvEntry::key).containsExactly("db/a", "webx");
    }

    @Test
    void keysWithASeparatorStopAtTheNextLevel() {
        for (String key : List.of("a/x/1", "a/x/2", "a/y/1", "a/z", "b/1")) {
            apply(new Command.KvSet(key, bytes(""), 0));
        }
        assertThat(state.kvKeys("a/", Optional.of("/")).value()).containsExactly("a/x/", "a/y/", "a/z");
        assertThat(state.kvKeys("", Optional.of("/")).value()).containsExactly("a/", "b/");
        assertThat(state.kvKeys("a/", Optional.empty()).value()).containsExactly("a/x/1", "a/x/2", "a/y/1", "a/z");
        assertThat(state.kvKeys("nothing/", Optional.of("/")).value()).isEmpty();
    }

    @Test
    void anIndexIsNeverZero() {
        assertThat(state.kvGet("a").index()).isEqualTo(1);
        assertThat(state.kvList("").index()).isEqualTo(1);
    }

    @Test
    void dataNeverSeenAnswersWithTheFloorSoWritesElsewhereWakeNoOne() {
        apply(new Command.KvSet("a", bytes(""), 0));
        CompletableFuture<Void> parked = state.watches().watchPrefix("never/");
        apply(new Command.KvSet("b", bytes(""), 0));
        assertThat(state.kvGet("never").index()).isEqualTo(1);
        assertThat(state.kvList("never/").index()).isEqualTo(1);
        assertThat(parked).as("a write elsewhere").isNotDone();

        apply(new Command.KvSet("never/x", bytes(""), 0));
        assertThat(parked).isDone();
        assertThat(state.kvList("never/").index()).isEqualTo(3);
    }

    @Test
    void indexesNeverGoBackwards() {
        apply(new Command.KvSet("a", bytes(""), 0));
        assertThatThrownBy(() -> state.apply(1, new Command.KvSet("a", bytes(""), 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangeWakesOnlyItsWatchers() {
        IndexWatches watches = state.watches();
        var onKey = watches.watchKey("web/a");
        var onPrefix = watches.watchPrefix("web/");
        var onRoot = watches.watchPrefix("");
        var onOtherKey = watches.watchKey("web/ab");
        var onOtherPrefix = watches.watchPrefix("db/");

        apply(new Command.KvSet("web/a", bytes("1"), 0));

        assertThat(onKey).isCompleted();
        assertThat(onPrefix).isCompleted();
        assertThat(onRoot).isCompleted();
        assertThat(onOtherKey).isNotDone();
        assertThat(onOtherPrefix).isNotDone();
        assertThat(watches.waiting()).isEqualTo(2);
    }

    @Test
    void aFailedCasWakesNobody() {
        apply(new Command.KvSet("a", bytes("1"), 0));
        var onKey = state.watches().watchKey("a");
        apply(new Command.KvCas("a", bytes("2"), 0, 99));
        assertThat(onKey).isNotDone();
    }

    @Test
    void aTreeDeleteWakesTheWatchersOfEveryDeletedKey() {
        apply(new Command.KvSet("web/a", bytes("1"), 0));
        var onKey = state.watches().watchKey("web/a");
        var onPrefix = state.watches().watchPrefix("web/a");
        apply(new Command.KvDeleteTree("web/"));
        assertThat(onKey).isCompleted();
        assertThat(onPrefix).isCompleted();
    }

    @Test
    void theApplyingThreadOnlyHandsTheWakeToTheWakeupExecutor() {
        List<Runnable> handedOver = new ArrayList<>();
        StoreState woken = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches(), handedOver::add);
        var onKey = woken.watches().watchKey("a");
        var onService = woken.catalog().watch(CatalogState.serviceKey("web"));

        woken.apply(1, new Command.KvSet("a", bytes("1"), 0));
        woken.apply(2, new Command.CatalogRegister(List.of(CatalogFixtures.instance("n1", "web"))));

        assertThat(onKey).isNotDone();
        assertThat(onService).isNotDone();
        handedOver.forEach(Runnable::run);
        assertThat(onKey).isCompleted();
        assertThat(onService).isCompleted();
    }
}
