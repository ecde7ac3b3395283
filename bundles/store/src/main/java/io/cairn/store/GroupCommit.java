package io.cairn.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit: while {@code maxInFlight} log entries are on their way, the KV
 * writes that arrive wait and leave together as one {@link Command.Batch} entry once one of
 * them is committed. A lone write goes at once, as it would without grouping; under load
 * each Raft entry (its replication, fsync, apply and reply) carries many writes instead of one.
 *
 * <p>Each write completes with its own outcome; a batch that fails (leadership lost) fails
 * every write in it, as each would have failed alone.
 */
final class GroupCommit {

    /** The most commands one entry carries. */
    static final int MAX_COMMANDS = 256;
    /** Beyond this many encoded bytes a batch is closed (a value alone may be 512 KiB). */
    static final int MAX_BYTES = 1 << 20;

    private final int maxInFlight;
    private final Function<byte[], CompletableFuture<Outcome>> log;
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;

    /** A waiting write, encoded once: its bytes size the batch and go into the entry as they are. */
    private record Pending(byte[] encoded, CompletableFuture<Outcome> result) {
    }

    /** @param log sends one encoded command as one log entry, completing with what applying it answered */
    GroupCommit(int maxInFlight, Function<byte[], CompletableFuture<Outcome>> log) {
        this.maxInFlight = maxInFlight;
        this.log = log;
    }

    CompletableFuture<Outcome> submit(Command command) {
        Pending pending = new Pending(CommandCodec.encode(command), new CompletableFuture<>());
        List<Pending> batch = null;
        synchronized (this) {
            waiting.addLast(pending);
            if (inFlight < maxInFlight) {
                inFlight++;
                batch = nextBatch();
            }
        }
        if (batch != null) {
            send(batch);
        }
        return pending.result();
    }

    /** Under the lock: the waiting writes that fit in one entry, oldest first. */
    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>();
        int bytes = 0;
        while (!waiting.isEmpty() && batch.size() < MAX_COMMANDS
                && (batch.isEmpty() || bytes + waiting.peekFirst().encoded().length <= MAX_BYTES)) {
            Pending next = waiting.pollFirst();
            bytes += next.encoded().length;
            batch.add(next);
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        byte[] entry = batch.size() == 1 ? batch.get(0).encoded()
                : CommandCodec.encodeBatch(batch.stream().map(Pending::encoded).toList());
        CompletableFuture<Outcome> sent;
        try {
            sent = log.apply(entry);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((outcome, failure) -> {
            complete(batch, outcome, failure);
            List<Pending> next;
            synchronized (this) {
                next = waiting.isEmpty() ? null : nextBatch();
                if (next == null) {
                    inFlight--;
                }
            }
            if (next != null) {
                send(next);
            }
        });
    }

    private static void complete(List<Pending> batch, Outcome outcome, Throwable failure) {
        if (failure != null) {
            batch.forEach(p -> p.result().completeExceptionally(failure));
        } else if (batch.size() == 1) {
            batch.get(0).result().complete(outcome);
        } else {
            List<Outcome> each = outcome.each();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(each.get(i));
            }
        }
    }
}
