package io.cairn.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;
import io.cairn.api.storage.StorageTables;

/**
 * The session transitions of the state machine, applied under {@link StoreState}'s write
 * lock: create, renew, and invalidation, which releases or deletes the keys the session
 * holds and starts their lock-delay. Deterministic: ids and the leader's clock come in the
 * commands.
 */
final class Sessions {

    /** The session table's name in the backend's index table. */
    static final String TABLE = "sessions";

    private final StorageTables tables;

    Sessions(StorageTables tables) {
        this.tables = tables;
    }

    /** The keys blocking reads of sessions watch: one per session, one per node. */
    static String idKey(String id) {
        return "id/" + id;
    }

    static String nodeKey(String node) {
        return "node/" + node;
    }

    Outcome create(long index, Command.SessionCreate create, Set<String> sessionsChanged) {
        Session s = create.session();
        if (s.id().isEmpty() || tables.sessionGet(s.id()).isPresent()) {
            // the leader gives every session a fresh id; anything else is a bug upstream
            return Outcome.refused("Session ID '" + s.id() + "' is not unique");
        }
        tables.sessionPut(new Session(s.id(), s.name(), s.node(), s.lockDelay(), s.behavior(), s.ttl(),
                s.nodeChecks(), s.serviceChecks(), index, index));
        sessionsChanged.add(idKey(s.id()));
        sessionsChanged.add(nodeKey(s.node()));
        return Outcome.ok(s.id().getBytes(StandardCharsets.UTF_8));
    }

    /** Nothing changes in the state: a renewal only restarts the leader's timer. */
    Outcome renew(Command.SessionRenew renew) {
        return Outcome.of(tables.sessionGet(renew.id()).isPresent());
    }

    /**
     * Ends a session: each key it holds is released (its ModifyIndex moves, so blocking reads
     * wake) or deleted, per its behavior, and may not be locked again for its lock-delay,
     * counted from the leader's clock when it decided. An unknown session is already gone.
     */
    Outcome invalidate(long index, Command.SessionDestroy destroy, Set<String> kvChanged, Set<String> sessionsChanged) {
        Optional<Session> gone = tables.sessionDelete(destroy.id());
        if (gone.isEmpty()) {
            return Outcome.of(true);
        }
        Session session = gone.get();
        long lockDelayMillis = session.lockDelay().toMillis();
        for (KvEntry held : tables.kvHeldBy(session.id())) {
            if (lockDelayMillis > 0) {
                tables.setKvLockDelay(held.key(), destroy.now() + lockDelayMillis);
            }
            if (session.behavior() == SessionBehavior.DELETE) {
                tables.kvDelete(held.key(), index);
            } else {
                tables.kvPut(held.withSession(Optional.empty(), held.lockIndex(), index));
            }
            kvChanged.add(held.key());
        }
        sessionsChanged.add(idKey(session.id()));
        sessionsChanged.add(nodeKey(session.node()));
        return Outcome.of(true);
    }

    List<Session> ofNode(String node) {
        return tables.sessionList().stream().filter(s -> s.node().equals(node)).toList();
    }
}
