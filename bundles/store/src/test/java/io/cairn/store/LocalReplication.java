package io.cairn.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.cairn.api.http.Consistency;

/** A single server's log without Raft: each command is applied at the next index, at once. */
final class LocalReplication implements Replication {

    private final StoreState state;
    private final AtomicLong index = new AtomicLong();

    LocalReplication(StoreState state) {
        this.state = state;
    }

    @Override
    public synchronized CompletableFuture<Boolean> submit(Command command) {
        KvRules.check(command);
        return CompletableFuture.completedFuture(state.apply(index.incrementAndGet(), command));
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
