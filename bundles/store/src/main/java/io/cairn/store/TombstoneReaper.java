package io.cairn.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consul's tombstone GC, on the leader: a deleted key's tombstone keeps the index of its
 * prefix from going backwards for clients blocked on it; once it is older than the TTL (15
 * minutes, Consul's), no blocking query can still be waiting on it, and it is reaped through
 * the log ({@link Command.TombstoneReap}) so every server drops the same ones.
 *
 * <p>Tombstones carry indexes, not times: every tick the leader notes the index it has
 * applied, and reaps up to the newest note older than the TTL. A new leader starts noting
 * afresh, so it reaps one TTL after its election at the earliest.
 */
public final class TombstoneReaper {

    public static final Duration TTL = Duration.ofMinutes(15);
    /** How often to tick: the precision of the TTL. */
    public static final Duration GRANULARITY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TombstoneReaper.class);

    private final BooleanSupplier leading;
    private final StoreState state;
    private final Replication log;
    private final LongSupplier nanoTime;
    private final Duration ttl;
    private final Deque<Note> notes = new ArrayDeque<>();
    private final AtomicBoolean proposing = new AtomicBoolean();

    private record Note(long atNanos, long appliedIndex) {
    }

    public TombstoneReaper(BooleanSupplier leading, StoreState state, Replication log) {
        this(leading, state, log, System::nanoTime, TTL);
    }

    TombstoneReaper(BooleanSupplier leading, StoreState state, Replication log, LongSupplier nanoTime, Duration ttl) {
        this.leading = leading;
        this.state = state;
        this.log = log;
        this.nanoTime = nanoTime;
        this.ttl = ttl;
    }

    public synchronized void tick() {
        if (!leading.getAsBoolean()) {
            notes.clear();
            return;
        }
        long now = nanoTime.getAsLong();
        notes.addLast(new Note(now, state.lastApplied()));
        Note due = null;
        while (!notes.isEmpty() && now - notes.peekFirst().atNanos() >= ttl.toNanos()) {
            due = notes.pollFirst();
        }
        if (due == null) {
            return;
        }
        long oldest = state.oldestTombstone();
        if (oldest == 0 || oldest > due.appliedIndex() || !proposing.compareAndSet(false, true)) {
            return;
        }
        long upTo = due.appliedIndex();
        log.submit(new Command.TombstoneReap(upTo)).whenComplete((applied, failure) -> {
            proposing.set(false);
            if (failure != null) {
                LOG.warn("Reaping KV tombstones up to index {} failed (tried again next tick): {}", upTo, failure.toString());
            }
        });
    }
}
