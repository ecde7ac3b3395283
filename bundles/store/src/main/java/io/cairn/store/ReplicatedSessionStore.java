package io.cairn.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.session.NewSession;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionStore;

/** Sessions over the replicated state: writes through the log (and so through the leader), reads local after the consistency gate. */
public final class ReplicatedSessionStore implements SessionStore {

    private final StoreState state;
    private final Replication replication;
    private final StoreReads reads;

    public ReplicatedSessionStore(StoreState state, Replication replication, BlockingQuery blocking) {
        this.state = state;
        this.replication = replication;
        this.reads = new StoreReads(replication, blocking);
    }

    @Override
    public CompletionStage<String> create(NewSession s) {
        // the id is left empty: the leader draws it before the command enters the log
        Session session = new Session("", s.name(), s.node(), s.lockDelay(), s.behavior(), s.ttl(), s.nodeChecks(),
                s.serviceChecks(), 0, 0);
        return replication.execute(new Command.SessionCreate(session))
                .thenApply(outcome -> new String(outcome.accepted().payload(), StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<Boolean> destroy(String id) {
        return replication.execute(new Command.SessionDestroy(id, 0)).thenApply(outcome -> outcome.accepted().ok());
    }

    /** The session as this server sees it once it has caught up with the renewal it sent. */
    @Override
    public CompletionStage<Optional<Session>> renew(String id) {
        return replication.execute(new Command.SessionRenew(id))
                .thenCompose(outcome -> replication.readable(Consistency.DEFAULT)
                        .thenApply(ready -> outcome.ok() ? state.session(id).value() : Optional.<Session>empty()));
    }

    @Override
    public CompletionStage<QueryResult<Optional<Session>>> get(String id, QueryOptions options) {
        return reads.read(options, () -> state.sessionWatches().watchKey(Sessions.idKey(id)), () -> state.session(id));
    }

    @Override
    public CompletionStage<QueryResult<List<Session>>> list(QueryOptions options) {
        return reads.read(options, () -> state.sessionWatches().watchPrefix(""), state::sessionList);
    }

    @Override
    public CompletionStage<QueryResult<List<Session>>> node(String node, QueryOptions options) {
        return reads.read(options, () -> state.sessionWatches().watchKey(Sessions.nodeKey(node)),
                () -> state.nodeSessions(node));
    }

}
