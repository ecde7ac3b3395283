package io.cairn.store;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the leader decides for a command before it enters the log, because applying must not
 * read a clock or draw a random number: a new session's id, and the time from which a
 * lock-delay is counted or against which it is checked. Every server then applies the
 * decided values.
 */
public final class LeaderDecisions {

    private final Clock clock;
    private final Supplier<UUID> ids;

    public LeaderDecisions(Clock clock, Supplier<UUID> ids) {
        this.clock = clock;
        this.ids = ids;
    }

    public static LeaderDecisions system() {
        return new LeaderDecisions(Clock.systemUTC(), UUID::randomUUID);
    }

    /** The command as it goes into the log; the same instance when it needs nothing decided. */
    public Command decide(Command command, StoreState state) {
        if (command instanceof Command.SessionCreate create) {
            return create.withId(freshId(state));
        }
        if (command instanceof Command.SessionDestroy destroy) {
            return new Command.SessionDestroy(destroy.id(), clock.millis());
        }
        if (command instanceof Command.KvLock lock) {
            return new Command.KvLock(lock.key(), lock.value(), lock.flags(), lock.session(), clock.millis());
        }
        if (command instanceof Command.Txn txn) {
            return new Command.Txn(txn.ops(), clock.millis());
        }
        return command;
    }

    /** A UUID no session has; a collision is astronomically rare, but costs only one more draw. */
    private String freshId(StoreState state) {
        String id;
        do {
            id = ids.get().toString();
        } while (state.session(id).value().isPresent());
        return id;
    }
}
