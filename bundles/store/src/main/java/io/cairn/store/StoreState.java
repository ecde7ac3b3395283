package io.cairn.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.storage.StorageTables;

/**
 * The replicated state of one server: the backend's tables, changed only by applying
 * commands in log order. Applying is deterministic (no clock, randomness or I/O); the
 * entry's Raft index becomes the CreateIndex/ModifyIndex of what it touches.
 *
 * <p>Locking: a fair read/write lock; apply and restore write, reads and snapshots read.
 * Watchers of changed keys are woken after the write lock is released.
 */
public final class StoreState {

    /** The KV table's name in the backend's index table. */
    public static final String KV_TABLE = "kvs";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final StorageTables tables;
    private final IndexWatches watches;
    private final CatalogState catalog;
    private long lastApplied;

    public StoreState(StorageTables tables, IndexWatches watches) {
        this.tables = tables;
        this.watches = watches;
        this.catalog = new CatalogState(tables, lock.readLock());
    }

    public IndexWatches watches() {
        return watches;
    }

    /** The catalog: its reads and watches; its commands are applied through {@link #apply}. */
    public CatalogState catalog() {
        return catalog;
    }

    /** The index of the last command applied. */
    public long lastApplied() {
        return read(() -> lastApplied);
    }

    /**
     * Applies the command of the log entry at {@code index}.
     *
     * @return the command's outcome: false when a check-and-set did not match
     * @throws IllegalStateException when {@code index} does not move forward
     */
    public boolean apply(long index, Command command) {
        Set<String> changed = new LinkedHashSet<>();
        boolean outcome;
        lock.writeLock().lock();
        try {
            if (index <= lastApplied) {
                throw new IllegalStateException("index " + index + " applied after " + lastApplied);
            }
            outcome = switch (command.type()) {
                case KV_SET -> kvSet(index, (Command.KvSet) command, changed);
                case KV_CAS -> kvCas(index, (Command.KvCas) command, changed);
                case KV_DELETE -> kvDelete(index, ((Command.KvDelete) command).key(), changed);
                case KV_DELETE_CAS -> kvDeleteCas(index, (Command.KvDeleteCas) command, changed);
                case KV_DELETE_TREE -> kvDeleteTree(index, ((Command.KvDeleteTree) command).prefix(), changed);
                case CATALOG_REGISTER -> catalog.register(index, ((Command.CatalogRegister) command).registrations()).isEmpty();
                case CATALOG_DEREGISTER -> catalog.deregister(index, ((Command.CatalogDeregister) command).deregistration());
            };
            if (!changed.isEmpty()) {
                tables.setTableIndex(KV_TABLE, index);
            }
            lastApplied = index;
        } finally {
            lock.writeLock().unlock();
        }
        catalog.wakeWatchers();
        watches.keysChanged(changed);
        return outcome;
    }

    /** Records that a log entry without a command for this state (a configuration change) was applied. */
    public void skip(long index) {
        lock.writeLock().lock();
        try {
            lastApplied = Math.max(lastApplied, index);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean kvSet(long index, Command.KvSet set, Set<String> changed) {
        KvEntry entry = tables.kvGet(set.key())
                .map(existing -> existing.withValue(set.value(), set.flags(), index))
                .orElseGet(() -> new KvEntry(0, set.key(), set.flags(), set.value(), Optional.empty(), index, index));
        tables.kvPut(entry);
        changed.add(set.key());
        return true;
    }

    private boolean kvCas(long index, Command.KvCas cas, Set<String> changed) {
        Optional<KvEntry> existing = tables.kvGet(cas.key());
        boolean matches = cas.index() == 0
                ? existing.isEmpty()
                : existing.map(e -> e.modifyIndex() == cas.index()).orElse(false);
        return matches && kvSet(index, new Command.KvSet(cas.key(), cas.value(), cas.flags()), changed);
    }

    private boolean kvDelete(long index, String key, Set<String> changed) {
        if (tables.kvDelete(key, index).isPresent()) {
            changed.add(key);
        }
        return true;
    }

    /** As Consul: an absent key counts as deleted, so a delete-cas of it succeeds. */
    private boolean kvDeleteCas(long index, Command.KvDeleteCas cas, Set<String> changed) {
        Optional<KvEntry> existing = tables.kvGet(cas.key());
        if (existing.isEmpty()) {
            return true;
        }
        return existing.get().modifyIndex() == cas.index() && kvDelete(index, cas.key(), changed);
    }

    private boolean kvDeleteTree(long index, String prefix, Set<String> changed) {
        changed.addAll(tables.kvDeleteTree(prefix, index));
        return true;
    }

    // ---- reads: the data with the index a blocking read compares against

    public Indexed<Optional<KvEntry>> kvGet(String key) {
        return read(() -> {
            Optional<KvEntry> entry = tables.kvGet(key);
            long index = entry.map(KvEntry::modifyIndex).orElseGet(() -> tables.kvTombstone(key));
            return new Indexed<>(entry, orTableIndex(index));
        });
    }

    public Indexed<List<KvEntry>> kvList(String prefix) {
        return read(() -> new Indexed<>(tables.kvList(prefix), orTableIndex(tables.kvIndex(prefix))));
    }

    /**
     * The keys under {@code prefix}; with a separator, each key is cut after the first
     * separator that follows the prefix, and duplicates are dropped ({@code a/x/}, {@code a/y/}).
     */
    public Indexed<List<String>> kvKeys(String prefix, Optional<String> separator) {
        return read(() -> {
            Set<String> keys = new LinkedHashSet<>();
            for (KvEntry entry : tables.kvList(prefix)) {
                keys.add(cutAtSeparator(entry.key(), prefix, separator));
            }
            return new Indexed<>(List.copyOf(keys), orTableIndex(tables.kvIndex(prefix)));
        });
    }

    static String cutAtSeparator(String key, String prefix, Optional<String> separator) {
        if (separator.isEmpty() || separator.get().isEmpty()) {
            return key;
        }
        int at = key.indexOf(separator.get(), prefix.length());
        return at < 0 ? key : key.substring(0, at + separator.get().length());
    }

    /**
     * Data never seen (no entry, no tombstone) answers with the KV table's index, and the
     * index is never 0: clients treat 0 as "do not block".
     */
    private long orTableIndex(long index) {
        return Math.max(1, index > 0 ? index : tables.tableIndex(KV_TABLE));
    }

    // ---- snapshots

    /** Writes the tables; the caller records the term and index they are at. */
    public void writeSnapshot(OutputStream out) throws IOException {
        lock.readLock().lock();
        try {
            tables.writeSnapshot(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Replaces the state by a snapshot taken at {@code index}, and wakes every blocked read. */
    public void restore(InputStream in, long index) throws IOException {
        lock.writeLock().lock();
        try {
            tables.readSnapshot(in);
            lastApplied = index;
        } finally {
            lock.writeLock().unlock();
        }
        watches.allChanged();
        catalog.restored();
    }

    private <T> T read(Supplier<T> reader) {
        lock.readLock().lock();
        try {
            return reader.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
