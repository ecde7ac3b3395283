package io.cairn.api.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.QueryOptions;

/**
 * The replicated sessions. Reads honour the options' consistency mode and block like every
 * Consul read; writes complete once committed, or exceptionally with a
 * {@link io.cairn.api.consensus.StoreException}.
 */
@ProviderType
public interface SessionStore {

    /** Creates a session; completes with the id the leader gave it. */
    CompletionStage<String> create(NewSession session);

    /** Ends a session (its locks released or keys deleted); true also when it did not exist. */
    CompletionStage<Boolean> destroy(String id);

    /** Restarts a session's TTL; the session, or empty when there is none by that id. */
    CompletionStage<Optional<Session>> renew(String id);

    CompletionStage<QueryResult<Optional<Session>>> get(String id, QueryOptions options);

    CompletionStage<QueryResult<List<Session>>> list(QueryOptions options);

    CompletionStage<QueryResult<List<Session>>> node(String node, QueryOptions options);
}
