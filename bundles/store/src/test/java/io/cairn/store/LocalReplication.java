package io.cairn.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.cairn.api.http.Consistency;

/** A single server's log without Raft: each command is applied at the next index, at once. */
final class LocalReplication implements Replication {

    private final StoreState state;
    private final LeaderDecisions decisions;
    private final AtomicLong index = new AtomicLong();

    LocalReplication(StoreState state) {
        this(state, LeaderDecisions.system());
    }

    /** @param decisions what the leader decides before the log: ids, its clock */
    LocalReplication(StoreState state, LeaderDecisions decisions) {
        this.state = state;
        this.decisions = decisions;
    }

    @Override
    public synchronized CompletableFuture<Boolean> submit(Command command) {
        return execute(command).thenApply(outcome -> outcome.accepted().ok());
    }

    @Override
    public synchronized CompletableFuture<Outcome> execute(Command command) {
        KvRules.check(command);
        return CompletableFuture.completedFuture(state.execute(index.incrementAndGet(), decisions.decide(command, state)));
    }

    @Override
    public CompletableFuture<Void> readable(Consistency mode) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public LeaderContact contact() {
        return new LeaderContact(true, 0);
    }
}
