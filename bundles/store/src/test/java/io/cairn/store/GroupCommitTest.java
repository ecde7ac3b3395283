package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** A log whose entries complete when the test says. */
    private final List<Command> sent = new ArrayList<>();
    private final List<CompletableFuture<Outcome>> entries = new ArrayList<>();
    private final GroupCommit group = new GroupCommit(1, encoded -> {
        sent.add(CommandCodec.decode(encoded).orElseThrow());
        CompletableFuture<Outcome> entry = new CompletableFuture<>();
        entries.add(entry);
        return entry;
    });

    private static Command set(String key) {
        return new Command.KvSet(key, new byte[0], 0);
    }

    @Test
    void aBatchOfEncodedWritesIsTheEntryTheBatchCommandWouldBe() {
        List<Command> writes = List.of(set("a"), new Command.KvDelete("b"));
        assertThat(CommandCodec.encodeBatch(writes.stream().map(CommandCodec::encode).toList()))
                .isEqualTo(CommandCodec.encode(new Command.Batch(writes)));
    }

    @Test
    void aLoneWriteGoesAtOnceAsItself() {
        CompletableFuture<Outcome> result = group.submit(set("a"));

        assertThat(sent).containsExactly(set("a"));
        entries.get(0).complete(Outcome.of(true));
        assertThat(result).isCompletedWithValue(Outcome.of(true));
    }

    @Test
    void writesArrivingWhileAnEntryIsInFlightLeaveTogetherEachWithItsOutcome() {
        CompletableFuture<Outcome> first = group.submit(set("a"));
        CompletableFuture<Outcome> second = group.submit(set("b"));
        CompletableFuture<Outcome> third = group.submit(new Command.KvCas("c", new byte[0], 0, 7));
        assertThat(sent).as("waiting for the first entry").hasSize(1);

        entries.get(0).complete(Outcome.of(true));

        assertThat(first).isCompletedWithValue(Outcome.of(true));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).isEqualTo(new Command.Batch(List.of(set("b"), new Command.KvCas("c", new byte[0], 0, 7))));
        entries.get(1).complete(Outcome.ofEach(List.of(Outcome.of(true), Outcome.of(false))));
        assertThat(second).isCompletedWithValue(Outcome.of(true));
        assertThat(third).as("its own outcome: the check-and-set did not take").isCompletedWithValue(Outcome.of(false));
    }

    @Test
    void aFailedEntryFailsEveryWriteInItAndTheNextStillGoes() {
        group.submit(set("a"));
        CompletableFuture<Outcome> b = group.submit(set("b"));
        CompletableFuture<Outcome> c = group.submit(set("c"));
        entries.get(0).complete(Outcome.of(true));

        CompletableFuture<Outcome> d = group.submit(set("d"));
        entries.get(1).completeExceptionally(new IllegalStateException("leadership lost"));

        assertThat(b).isCompletedExceptionally();
        assertThat(c).isCompletedExceptionally();
        assertThat(sent.get(2)).isEqualTo(set("d"));
        entries.get(2).complete(Outcome.of(true));
        assertThat(d).isCompletedWithValue(Outcome.of(true));
    }

    @Test
    void anEntryCarriesAtMostTheCommandLimit() {
        group.submit(set("first"));
        for (int i = 0; i < GroupCommit.MAX_COMMANDS + 10; i++) {
            group.submit(set("k" + i));
        }
        entries.get(0).complete(Outcome.of(true));

        assertThat(((Command.Batch) sent.get(1)).commands()).hasSize(GroupCommit.MAX_COMMANDS);
        entries.get(1).complete(Outcome.ofEach(java.util.Collections.nCopies(GroupCommit.MAX_COMMANDS, Outcome.of(true))));
        assertThat(((Command.Batch) sent.get(2)).commands()).hasSize(10);
    }
}
