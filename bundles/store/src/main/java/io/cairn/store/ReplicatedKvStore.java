package io.cairn.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.consensus.StoreException;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.kv.KvDelete;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvPut;
import io.cairn.api.kv.KvStore;

/** The KV store over the replicated state: writes go through the log, reads are local after the consistency gate. */
public final class ReplicatedKvStore implements KvStore {

    private final StoreState state;
    private final Replication replication;
    private final StoreReads reads;

    public ReplicatedKvStore(StoreState state, Replication replication, BlockingQuery blocking) {
        this.state = state;
        this.replication = replication;
        this.reads = new StoreReads(replication, blocking);
    }

    @Override
    public CompletionStage<QueryResult<Optional<KvEntry>>> get(String key, QueryOptions options) {
        return reads.read(options, () -> state.watches().watchKey(key), () -> state.kvGet(key));
    }

    @Override
    public CompletionStage<QueryResult<List<KvEntry>>> list(String prefix, QueryOptions options) {
        return reads.read(options, () -> state.watches().watchPrefix(prefix), () -> state.kvList(prefix));
    }

    @Override
    public CompletionStage<QueryResult<List<String>>> keys(String prefix, Optional<String> separator,
                                                           QueryOptions options) {
        return reads.read(options, () -> state.watches().watchPrefix(prefix), () -> state.kvKeys(prefix, separator));
    }

    @Override
    public CompletionStage<Boolean> put(KvPut put) {
        Command command = put.cas().isPresent()
                ? new Command.KvCas(put.key(), put.value(), put.flags(), put.cas().getAsLong())
                : new Command.KvSet(put.key(), put.value(), put.flags());
        return write(command);
    }

    @Override
    public CompletionStage<Boolean> acquire(KvPut put, String session) {
        return write(new Command.KvLock(put.key(), put.value(), put.flags(), session, 0));
    }

    @Override
    public CompletionStage<Boolean> release(KvPut put, String session) {
        return write(new Command.KvUnlock(put.key(), put.value(), put.flags(), session));
    }

    @Override
    public CompletionStage<Boolean> delete(KvDelete delete) {
        Command command;
        if (delete.recurse()) {
            command = new Command.KvDeleteTree(delete.key());
        } else if (delete.cas().isPresent()) {
            command = new Command.KvDeleteCas(delete.key(), delete.cas().getAsLong());
        } else {
            command = new Command.KvDelete(delete.key());
        }
        return write(command);
    }

    private CompletionStage<Boolean> write(Command command) {
        try {
            KvRules.check(command);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        return replication.submit(command);
    }

}
