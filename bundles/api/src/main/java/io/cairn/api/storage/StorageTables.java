package io.cairn.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import io.cairn.api.kv.KvEntry;

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
     * The highest ModifyIndex or tombstone index among the keys starting with {@code prefix},
     * 0 when there is none.
     */
    long kvIndex(String prefix);

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
