package io.cairn.api.kv;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.QueryOptions;

/**
 * The replicated KV store. Reads honour the options' consistency mode and, when
 * {@link QueryOptions#blocking()}, complete only once the data read changes past
 * {@link QueryOptions#minIndex()} or {@link QueryOptions#maxWait()} ends (then with the
 * current data). Writes complete once committed and applied, or exceptionally with a
 * {@link io.cairn.api.consensus.StoreException}.
 */
@ProviderType
public interface KvStore {

    /** Consul's {@code kv_max_value_size}: Raft's suggested maximum entry size, 512 KiB. */
    int MAX_VALUE_SIZE = 512 * 1024;

    /** One key; empty when absent (the meta still carries an index). */
    CompletionStage<QueryResult<Optional<KvEntry>>> get(String key, QueryOptions options);

    /** Every key starting with {@code prefix}, sorted by key. */
    CompletionStage<QueryResult<List<KvEntry>>> list(String prefix, QueryOptions options);

    /**
     * The keys starting with {@code prefix}, sorted; with a separator, keys are cut after the
     * first separator following the prefix and deduplicated ({@code a/x/}, {@code a/y/}).
     */
    CompletionStage<QueryResult<List<String>>> keys(String prefix, Optional<String> separator,
                                                    QueryOptions options);

    /** True when written, false when a check-and-set did not match. */
    CompletionStage<Boolean> put(KvPut put);

    /**
     * Writes the key and takes its lock for {@code session} ({@code ?acquire}): true when the
     * lock is now held by it (LockIndex counts each new holder), false when another session
     * holds it or the key is in its lock-delay. Fails (500 {@code invalid session}) when the
     * session does not exist.
     */
    CompletionStage<Boolean> acquire(KvPut put, String session);

    /**
     * Writes the key and lets go of its lock ({@code ?release}): true when {@code session}
     * held it, false otherwise (nothing is written then).
     */
    CompletionStage<Boolean> release(KvPut put, String session);

    /** True when deleted (a plain delete of an absent key is true), false when a cas did not match. */
    CompletionStage<Boolean> delete(KvDelete delete);
}
