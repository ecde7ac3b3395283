package io.cairn.store;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.session.Session;
import io.cairn.api.storage.StorageTables;
import io.cairn.api.tls.CaMaterial;

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
    /**
     * The lowest index any KV read answers with, in the backend's index table: raised where
     * data the indexes came from was replaced (a restore), so no read's index goes backwards.
     */
    static final String KV_FLOOR = "kvs.floor";

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final StorageTables tables;
    private final IndexWatches watches;
    /** Where the reads parked on what an apply changed are woken. */
    private final Executor wakeups;
    private final IndexWatches sessionWatches = new IndexWatches();
    private final Sessions sessions;
    private final CatalogState catalog;
    private long lastApplied;
    /** The auto_encrypt CA, once the first leader has put it into the log. */
    private Optional<CaMaterial> autoEncryptCa = Optional.empty();

    /** A state whose applies wake the reads parked on what they changed before they return. */
    public StoreState(StorageTables tables, IndexWatches watches) {
        this(tables, watches, Runnable::run);
    }

    /**
     * @param wakeups wakes the reads parked on what an apply changed, so that the applying
     *                thread (Raft's, before the write is acknowledged) does not complete
     *                thousands of watchers' futures itself
     */
    public StoreState(StorageTables tables, IndexWatches watches, Executor wakeups) {
        this.tables = tables;
        this.watches = watches;
        this.wakeups = wakeups;
        this.catalog = new CatalogState(tables, lock.readLock());
        this.sessions = new Sessions(tables);
    }

    public IndexWatches watches() {
        return watches;
    }

    /** Watches on sessions ({@link Sessions#idKey}, {@link Sessions#nodeKey}), apart from the KV's. */
    public IndexWatches sessionWatches() {
        return sessionWatches;
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
        return execute(index, command).ok();
    }

    /**
     * Applies the command of the log entry at {@code index}, with everything it answers: a
     * refusal's message (an invalid session), a new session's id, a transaction's results.
     *
     * @throws IllegalStateException when {@code index} does not move forward
     */
    public Outcome execute(long index, Command command) {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> sessionsChanged = new LinkedHashSet<>();
        boolean restored = false;
        Outcome outcome;
        lock.writeLock().lock();
        try {
            if (index <= lastApplied) {
                throw new IllegalStateException("index " + index + " applied after " + lastApplied);
            }
            if (command instanceof Command.SnapshotRestore restore) {
                restored = restoreTables(index, restore.tables());
                outcome = restored ? Outcome.of(true) : Outcome.refused("Snapshot restore failed: unreadable snapshot");
            } else {
                outcome = applyOne(index, command, changed, sessionsChanged);
            }
            if (!changed.isEmpty()) {
                tables.setTableIndex(KV_TABLE, index);
            }
            if (!sessionsChanged.isEmpty()) {
                tables.setTableIndex(Sessions.TABLE, index);
            }
            lastApplied = index;
        } finally {
            lock.writeLock().unlock();
        }
        boolean replaced = restored;
        wakeups.execute(() -> wake(replaced, changed, sessionsChanged));
        return outcome;
    }

    private void wake(boolean restored, Set<String> changed, Set<String> sessionsChanged) {
        catalog.wakeWatchers();
        if (restored) {
            watches.allChanged();
            catalog.restored();
            sessionWatches.allChanged();
        } else {
            watches.keysChanged(changed);
            sessionWatches.keysChanged(sessionsChanged);
        }
    }

    private Outcome applyOne(long index, Command command, Set<String> changed, Set<String> sessionsChanged) {
        return switch (command.type()) {
            case KV_SET -> Outcome.of(kvSet(index, (Command.KvSet) command, changed));
            case KV_CAS -> Outcome.of(kvCas(index, (Command.KvCas) command, changed));
            case KV_DELETE -> Outcome.of(kvDelete(index, ((Command.KvDelete) command).key(), changed));
            case KV_DELETE_CAS -> Outcome.of(kvDeleteCas(index, (Command.KvDeleteCas) command, changed));
            case KV_DELETE_TREE -> Outcome.of(kvDeleteTree(index, ((Command.KvDeleteTree) command).prefix(), changed));
            case CATALOG_REGISTER -> catalogOutcome(catalog.register(index, ((Command.CatalogRegister) command).registrations()));
            case CATALOG_DEREGISTER -> Outcome.of(catalog.deregister(index, ((Command.CatalogDeregister) command).deregistration()));
            case SESSION_CREATE -> sessions.create(index, (Command.SessionCreate) command, sessionsChanged);
            case SESSION_DESTROY -> sessions.invalidate(index, (Command.SessionDestroy) command, changed, sessionsChanged);
            case SESSION_RENEW -> sessions.renew((Command.SessionRenew) command);
            case KV_LOCK -> kvLock(index, (Command.KvLock) command, changed);
            case KV_UNLOCK -> kvUnlock(index, (Command.KvUnlock) command, changed);
            case TXN -> txn(index, (Command.Txn) command, changed);
            case CA_INITIALIZE -> caInitialize((Command.CaInitialize) command);
            case TOMBSTONE_REAP -> Outcome.of(reapTombstones(((Command.TombstoneReap) command).index()));
            // each in order at the entry's index, as if written in that order at one instant
            case BATCH -> Outcome.ofEach(((Command.Batch) command).commands().stream()
                    .map(each -> applyOne(index, each, changed, sessionsChanged)).toList());
            case SNAPSHOT_RESTORE -> throw new IllegalArgumentException("a restore replaces the state: see execute");
        };
    }

    /** The first CA applied stays: a second leader's proposal that raced the first changes nothing. */
    private Outcome caInitialize(Command.CaInitialize command) {
        if (autoEncryptCa.isPresent()) {
            return Outcome.of(false);
        }
        autoEncryptCa = Optional.of(new CaMaterial(command.certificatePem(), command.keyPem()));
        return Outcome.of(true);
    }

    /** The auto_encrypt CA of the replicated state; empty until the first leader made it. */
    public Optional<CaMaterial> autoEncryptCa() {
        return read(() -> autoEncryptCa);
    }

    /** A refused registration says why, in Consul's words. */
    private Outcome catalogOutcome(Optional<String> refusal) {
        return refusal.map(Outcome::refused).orElseGet(() -> Outcome.of(true));
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
        tables.kvPut(written(tables.kvGet(set.key()), set.key(), set.value(), set.flags(), index));
        changed.add(set.key());
        return true;
    }

    /** A key with a value written at {@code index}: the existing entry changed, or a new one. */
    static KvEntry written(Optional<KvEntry> existing, String key, byte[] value, long flags, long index) {
        return existing.map(e -> e.withValue(value, flags, index))
                .orElseGet(() -> new KvEntry(0, key, flags, value, Optional.empty(), index, index));
    }

    /**
     * {@code ?acquire}: false when another session holds the lock or the key is in its
     * lock-delay, a refusal when the session does not exist.
     */
    private Outcome kvLock(long index, Command.KvLock lock, Set<String> changed) {
        return single(index, lock.now(), new TxnOp(TxnOp.Verb.LOCK, lock.key(), lock.value(), lock.flags(), 0,
                lock.session()), changed);
    }

    /** {@code ?release}: false unless the session holds the key's lock, as Consul. */
    private Outcome kvUnlock(long index, Command.KvUnlock unlock, Set<String> changed) {
        return single(index, 0, new TxnOp(TxnOp.Verb.UNLOCK, unlock.key(), unlock.value(), unlock.flags(), 0,
                unlock.session()), changed);
    }

    private Outcome single(long index, long now, TxnOp op, Set<String> changed) {
        KvTransaction txn = new KvTransaction(tables, index, now);
        try {
            txn.run(op);
        } catch (KvTransaction.OpFailed e) {
            return e.invalidSession() ? Outcome.refused(e.getMessage()) : Outcome.of(false);
        }
        txn.commit(changed);
        return Outcome.of(true);
    }

    /** Every operation in order, each seeing the ones before; all of them are kept, or none. */
    private Outcome txn(long index, Command.Txn command, Set<String> changed) {
        KvTransaction txn = new KvTransaction(tables, index, command.now());
        TxnOutcome outcome = runAll(txn, command.ops());
        if (outcome.committed()) {
            txn.commit(changed);
        }
        return new Outcome(outcome.committed(), Optional.empty(), outcome.encode());
    }

    /** A read-only transaction, answered from this server's state without the log. */
    public TxnOutcome readTxn(List<TxnOp> ops) {
        return read(() -> runAll(new KvTransaction(tables, lastApplied, 0), ops));
    }

    /** Runs every operation, collecting every failure (as Consul reports them all). */
    private static TxnOutcome runAll(KvTransaction txn, List<TxnOp> ops) {
        List<TxnOutcome.Result> results = new ArrayList<>();
        List<TxnOutcome.Error> errors = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            try {
                results.addAll(txn.run(ops.get(i)));
            } catch (KvTransaction.OpFailed e) {
                errors.add(new TxnOutcome.Error(i, e.getMessage()));
            }
        }
        return errors.isEmpty() ? new TxnOutcome(results, List.of()) : new TxnOutcome(List.of(), errors);
    }

    /**
     * False when the tables cannot be read: the backend then keeps what it had. The restored
     * rows keep the indexes they had when saved, older than {@code index}: every index read
     * answers with is raised to {@code index}, so none goes backwards and every blocked read wakes.
     */
    private boolean restoreTables(long index, byte[] snapshot) {
        catalog.tablesReplaced();
        try {
            tables.readSnapshot(new ByteArrayInputStream(snapshot));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        tables.setTableIndex(KV_TABLE, index);
        tables.setTableIndex(KV_FLOOR, index);
        tables.setTableIndex(Sessions.TABLE, index);
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

    /**
     * Drops tombstones no blocked client can still need; the KV floor rises to the highest
     * one dropped, so the index of a key or prefix they covered does not go backwards.
     */
    private boolean reapTombstones(long upTo) {
        long highest = tables.kvReapTombstones(upTo);
        if (highest > tables.tableIndex(KV_FLOOR)) {
            tables.setTableIndex(KV_FLOOR, highest);
        }
        return true;
    }

    /** The lowest index among the KV tombstones, 0 when there is none. */
    public long oldestTombstone() {
        return read(tables::kvOldestTombstone);
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
            return new Indexed<>(entry, orFloor(index));
        });
    }

    public Indexed<List<KvEntry>> kvList(String prefix) {
        return read(() -> new Indexed<>(tables.kvList(prefix), orFloor(tables.kvIndex(prefix))));
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
            return new Indexed<>(List.copyOf(keys), orFloor(tables.kvIndex(prefix)));
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
     * Data never seen (no entry, no tombstone) answers with the KV floor, not with the KV
     * table's index as Consul does: a client blocked on an empty prefix (Spring Cloud Consul's
     * config contexts) then wakes when something appears there, not on every write elsewhere.
     * The index is never 0: clients treat 0 as "do not block".
     */
    private long orFloor(long index) {
        return Math.max(Math.max(1, tables.tableIndex(KV_FLOOR)), index);
    }

    // ---- sessions

    public Indexed<Optional<Session>> session(String id) {
        return read(() -> new Indexed<>(tables.sessionGet(id), sessionIndex()));
    }

    public Indexed<List<Session>> sessionList() {
        return read(() -> new Indexed<>(tables.sessionList(), sessionIndex()));
    }

    public Indexed<List<Session>> nodeSessions(String node) {
        return read(() -> new Indexed<>(sessions.ofNode(node), sessionIndex()));
    }

    private long sessionIndex() {
        return Math.max(1, tables.tableIndex(Sessions.TABLE));
    }

    // ---- snapshots

    /** Writes the tables; the index they are at, read under the same lock. */
    public long writeSnapshot(OutputStream out) throws IOException {
        lock.readLock().lock();
        try {
            tables.writeSnapshot(out);
            return lastApplied;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes what a Raft snapshot holds: the state beside the backend's tables (the
     * auto_encrypt CA), then the tables. A user's snapshot ({@link #writeSnapshot}) holds the
     * tables only.
     */
    public long writeReplicatedSnapshot(OutputStream out) throws IOException {
        lock.readLock().lock();
        try {
            DataOutputStream data = new DataOutputStream(out);
            data.writeBoolean(autoEncryptCa.isPresent());
            if (autoEncryptCa.isPresent()) {
                Binary.writeString(data, autoEncryptCa.get().certificatePem());
                Binary.writeString(data, autoEncryptCa.get().keyPem());
            }
            data.flush();
            tables.writeSnapshot(out);
            return lastApplied;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Replaces the state by a Raft snapshot of {@link #writeReplicatedSnapshot}, taken at {@code index}. */
    public void restoreReplicated(InputStream in, long index) throws IOException {
        DataInputStream data = new DataInputStream(in);
        Optional<CaMaterial> ca = data.readBoolean()
                ? Optional.of(new CaMaterial(Binary.readString(data), Binary.readString(data))) : Optional.empty();
        restore(in, index);
        lock.writeLock().lock();
        try {
            autoEncryptCa = ca;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the state by a snapshot taken at {@code index}, and wakes every blocked read. */
    public void restore(InputStream in, long index) throws IOException {
        lock.writeLock().lock();
        try {
            tables.readSnapshot(in);
            catalog.tablesReplaced();
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
