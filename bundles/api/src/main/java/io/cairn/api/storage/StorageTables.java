package io.cairn.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.session.Session;

/**
 * The tables behind the state machine. The store calls them under its own read/write lock
 * (one writer or many readers at a time), so an implementation needs no locking of its own.
 * Every write happens while applying a Raft entry and must be deterministic: the same calls
 * in the same order yield the same contents and byte-identical snapshots on every server.
 *
 * <p>Deleted keys leave a tombstone holding the index of their deletion, so that the index
 * of a key or prefix never goes backwards and blocking reads on a deleted key wake up.
 * Writing a key removes its tombstone.
 */
@ConsumerType
public interface StorageTables {

    Optional<KvEntry> kvGet(String key);

    /** Every entry whose key starts with {@code prefix}, sorted by key. */
    List<KvEntry> kvList(String prefix);

    /** Inserts or replaces the entry of {@code entry.key()}. */
    void kvPut(KvEntry entry);

    /** Removes a key, leaving a tombstone at {@code index}; the removed entry, if there was one. */
    Optional<KvEntry> kvDelete(String key, long index);

    /** Removes every key starting with {@code prefix}, leaving tombstones at {@code index}; the keys removed, sorted. */
    List<String> kvDeleteTree(String prefix, long index);

    /** The index of a key's deletion, 0 when it has none. */
    long kvTombstone(String key);

    /**
     * The lowest index among the tombstones, 0 when there is none: whether a reap would
     * remove anything.
     *
     * @since 2.0
     */
    long kvOldestTombstone();

    /**
     * Removes the tombstones left at or below {@code index} (Consul reaps them once no
     * client can still be blocked on them); the highest index among those removed, 0 when none.
     *
     * @since 2.0
     */
    long kvReapTombstones(long index);

    /**
     * The highest ModifyIndex or tombstone index among the keys starting with {@code prefix},
     * 0 when there is none.
     */
    long kvIndex(String prefix);

    /**
     * The entries whose lock {@code session} holds, sorted by key: what invalidating the
     * session releases or deletes. This default scans every key; a backend should index them.
     *
     * @since 1.2
     */
    default List<KvEntry> kvHeldBy(String session) {
        return kvList("").stream().filter(e -> e.session().filter(session::equals).isPresent()).toList();
    }

    Optional<Session> sessionGet(String id);

    /** Every session, sorted by id. */
    List<Session> sessionList();

    /** Inserts or replaces the session of {@code session.id()}. */
    void sessionPut(Session session);

    /** Removes a session; the removed one, if there was one. */
    Optional<Session> sessionDelete(String id);

    /**
     * Until when (milliseconds since the epoch on the leader's clock, carried in the log) no
     * session may lock {@code key}: the lock-delay left by an invalidated session; 0 if none.
     */
    long kvLockDelay(String key);

    /** Sets a key's lock-delay deadline; 0 removes it. */
    void setKvLockDelay(String key, long untilMillis);

    /** The catalog's tables; the same instance for the life of these tables. */
    CatalogTables catalog();

    /** The last index at which {@code table} changed (Consul's index table), 0 if never. */
    long tableIndex(String table);

    void setTableIndex(String table, long index);

    /** Writes every table in a deterministic order and encoding. */
    void writeSnapshot(OutputStream out) throws IOException;

    /** Replaces every table with what {@link #writeSnapshot} wrote. */
    void readSnapshot(InputStream in) throws IOException;
}
