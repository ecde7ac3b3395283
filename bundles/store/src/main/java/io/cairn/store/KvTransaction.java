package io.cairn.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.storage.StorageTables;

/**
 * KV operations applied at one Raft index as a unit: each operation sees the ones before it,
 * and nothing reaches the tables until {@link #commit}, so a transaction that fails anywhere
 * leaves no trace. Used for {@code /v1/txn} and for the lock verbs of {@code /v1/kv}, so a
 * lock means the same thing in both. Deterministic: the leader's clock arrives as {@code now}.
 */
final class KvTransaction {

    /** An operation that cannot be done; the message is Consul's. */
    static final class OpFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean invalidSession;

        OpFailed(String message, boolean invalidSession) {
            super(message, null, false, false);
            this.invalidSession = invalidSession;
        }

        /** A lock naming a session that does not exist: Consul answers this with 500, not false. */
        boolean invalidSession() {
            return invalidSession;
        }
    }

    private final StorageTables tables;
    private final long index;
    private final long now;
    /** Changes not yet in the tables: a key's new entry, or empty for a deletion. */
    private final NavigableMap<String, Optional<KvEntry>> pending = new TreeMap<>();

    KvTransaction(StorageTables tables, long index, long now) {
        this.tables = tables;
        this.index = index;
        this.now = now;
    }

    /** Runs one operation; its results (none for most writes), or throws with why it cannot be done. */
    List<TxnOutcome.Result> run(TxnOp op) throws OpFailed {
        Optional<KvEntry> existing = get(op.key());
        return switch (op.verb()) {
            case SET -> written(set(existing, op));
            case CAS -> {
                boolean matches = op.index() == 0
                        ? existing.isEmpty()
                        : existing.map(e -> e.modifyIndex() == op.index()).orElse(false);
                if (!matches) {
                    throw new OpFailed("failed to set key \"" + op.key() + "\", index is stale", false);
                }
                yield written(set(existing, op));
            }
            case LOCK -> written(lock(existing, op));
            case UNLOCK -> written(unlock(existing, op));
            case GET -> List.of(new TxnOutcome.Result(existing.orElseThrow(
                    () -> new OpFailed("key \"" + op.key() + "\" doesn't exist", false)), true));
            case GET_OR_EMPTY -> List.of(new TxnOutcome.Result(existing.orElseGet(
                    () -> new KvEntry(0, op.key(), 0, new byte[0], Optional.empty(), 0, 0)), true));
            case GET_TREE -> list(op.key()).stream().map(e -> new TxnOutcome.Result(e, true)).toList();
            case CHECK_INDEX -> {
                KvEntry e = existing.orElseThrow(
                        () -> new OpFailed("failed to check index, key \"" + op.key() + "\" doesn't exist", false));
                if (e.modifyIndex() != op.index()) {
                    throw new OpFailed("failed index check for key \"" + op.key() + "\", current modify index "
                            + e.modifyIndex() + " != " + op.index(), false);
                }
                yield written(e);
            }
            case CHECK_SESSION -> {
                KvEntry e = existing.orElseThrow(
                        () -> new OpFailed("failed to check session, key \"" + op.key() + "\" doesn't exist", false));
                if (!e.session().orElse("").equals(op.session())) {
                    throw new OpFailed("failed session check for key \"" + op.key() + "\", current session \""
                            + e.session().orElse("") + "\" != \"" + op.session() + "\"", false);
                }
                yield written(e);
            }
            case CHECK_NOT_EXISTS -> {
                if (existing.isPresent()) {
                    throw new OpFailed("key \"" + op.key() + "\" exists", false);
                }
                yield List.of();
            }
            case DELETE -> {
                delete(op.key());
                yield List.of();
            }
            case DELETE_TREE -> {
                list(op.key()).forEach(e -> delete(e.key()));
                yield List.of();
            }
            case DELETE_CAS -> {
                // as Consul: an absent key counts as deleted
                if (existing.isPresent() && existing.get().modifyIndex() != op.index()) {
                    throw new OpFailed("failed to delete key \"" + op.key() + "\", index is stale", false);
                }
                delete(op.key());
                yield List.of();
            }
        };
    }

    /** Writes every change to the tables; the keys that changed. */
    void commit(Set<String> changed) {
        for (Map.Entry<String, Optional<KvEntry>> change : pending.entrySet()) {
            if (change.getValue().isPresent()) {
                tables.kvPut(change.getValue().get());
                changed.add(change.getKey());
            } else if (tables.kvDelete(change.getKey(), index).isPresent()) {
                changed.add(change.getKey());
            }
        }
        pending.clear();
    }

    private KvEntry set(Optional<KvEntry> existing, TxnOp op) {
        return put(StoreState.written(existing, op.key(), op.value(), op.flags(), index));
    }

    /**
     * Takes the lock: a new holder counts one more LockIndex; the holder itself may write
     * again. Blocked while the key is in the lock-delay an invalidated session left.
     */
    private KvEntry lock(Optional<KvEntry> existing, TxnOp op) throws OpFailed {
        if (tables.sessionGet(op.session()).isEmpty()) {
            throw new OpFailed("invalid session \"" + op.session() + "\"", true);
        }
        Optional<String> holder = existing.flatMap(KvEntry::session);
        if (holder.isPresent() && !holder.get().equals(op.session())) {
            throw new OpFailed("failed to lock key \"" + op.key() + "\", lock is already held", false);
        }
        if (holder.isEmpty() && now < tables.kvLockDelay(op.key())) {
            throw new OpFailed("failed to lock key \"" + op.key() + "\", lock-delay is in effect", false);
        }
        KvEntry value = StoreState.written(existing, op.key(), op.value(), op.flags(), index);
        long lockIndex = holder.isPresent() ? value.lockIndex() : value.lockIndex() + 1;
        return put(value.withSession(Optional.of(op.session()), lockIndex, index));
    }

    /** Lets go of the lock: only its holder may, and only on a key that exists. */
    private KvEntry unlock(Optional<KvEntry> existing, TxnOp op) throws OpFailed {
        if (existing.isEmpty() || !existing.get().session().orElse("").equals(op.session())) {
            throw new OpFailed("failed to unlock key \"" + op.key()
                    + "\", lock isn't held, or is held by another session", false);
        }
        KvEntry value = existing.get().withValue(op.value(), op.flags(), index);
        return put(value.withSession(Optional.empty(), value.lockIndex(), index));
    }

    private static List<TxnOutcome.Result> written(KvEntry entry) {
        return List.of(new TxnOutcome.Result(entry, false));
    }

    private Optional<KvEntry> get(String key) {
        Optional<KvEntry> change = pending.get(key);
        return change != null ? change : tables.kvGet(key);
    }

    /** The tables' entries under the prefix with this transaction's changes over them, by key. */
    private List<KvEntry> list(String prefix) {
        NavigableMap<String, KvEntry> merged = new TreeMap<>();
        tables.kvList(prefix).forEach(e -> merged.put(e.key(), e));
        pending.forEach((key, change) -> {
            if (key.startsWith(prefix)) {
                change.ifPresentOrElse(e -> merged.put(key, e), () -> merged.remove(key));
            }
        });
        return new ArrayList<>(merged.values());
    }

    private KvEntry put(KvEntry entry) {
        pending.put(entry.key(), Optional.of(entry));
        return entry;
    }

    private void delete(String key) {
        pending.put(key, Optional.empty());
    }
}
