package io.cairn.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.QueryOptions;

/**
 * The read path of every replicated store: wait until this server may answer in the
 * requested consistency mode, run the read as a blocking query on its watch, and attach what
 * the answer's headers tell (index, leader, last contact, mode).
 */
final class StoreReads {

    private final Replication replication;
    private final BlockingQuery blocking;

    StoreReads(Replication replication, BlockingQuery blocking) {
        this.replication = replication;
        this.blocking = blocking;
    }

    <T> CompletionStage<QueryResult<T>> read(QueryOptions options, Supplier<CompletableFuture<Void>> watch,
                                             Supplier<Indexed<T>> reader) {
        return replication.readable(options.consistency())
                .thenCompose(ready -> blocking.run(options, watch, reader))
                .thenApply(data -> {
                    Replication.LeaderContact contact = replication.contact();
                    return new QueryResult<>(data.value(), new QueryMeta(data.index(), contact.knownLeader(),
                            contact.lastContactMs(), options.consistency()));
                });
    }
}
