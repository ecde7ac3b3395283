package io.cairn.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.cairn.api.kv.KvEntry;
import io.cairn.api.session.Session;
import io.cairn.api.storage.CatalogTables;
import io.cairn.api.storage.StorageTables;

/**
 * The default tables: sorted maps in memory. Sorted so that prefix scans are range scans and
 * snapshots list everything in key order, byte-identical on every server.
 */
final class MemoryTables implements StorageTables {

    /** 2 added sessions and lock-delays; a format 1 snapshot has none. */
    private static final int FORMAT = 2;

    private final NavigableMap<String, KvEntry> kv = new TreeMap<>();
    private final NavigableMap<String, Long> tombstones = new TreeMap<>();
    private final NavigableMap<String, Long> tableIndexes = new TreeMap<>();
    private final MemoryCatalogTables catalog = new MemoryCatalogTables();
    private final NavigableMap<String, Session> sessions = new TreeMap<>();
    private final NavigableMap<String, Long> lockDelays = new TreeMap<>();
    /** The keys each session holds: derived from {@link #kv}, so invalidating a session scans no other key. */
    private final Map<String, NavigableSet<String>> held = new HashMap<>();

    @Override
    public Optional<KvEntry> kvGet(String key) {
        return Optional.ofNullable(kv.get(key));
    }

    @Override
    public List<KvEntry> kvList(String prefix) {
        return List.copyOf(under(kv, prefix).values());
    }

    @Override
    public void kvPut(KvEntry entry) {
        unindex(kv.put(entry.key(), entry));
        index(entry);
        tombstones.remove(entry.key());
    }

    @Override
    public Optional<KvEntry> kvDelete(String key, long index) {
        KvEntry removed = kv.remove(key);
        if (removed != null) {
            unindex(removed);
            tombstones.put(key, index);
        }
        return Optional.ofNullable(removed);
    }

    @Override
    public List<String> kvDeleteTree(String prefix, long index) {
        SortedMap<String, KvEntry> doomed = under(kv, prefix);
        List<String> keys = new ArrayList<>(doomed.keySet());
        doomed.values().forEach(this::unindex);
        doomed.clear();
        keys.forEach(key -> tombstones.put(key, index));
        return keys;
    }

    @Override
    public List<KvEntry> kvHeldBy(String session) {
        return held.getOrDefault(session, Collections.emptyNavigableSet()).stream().map(kv::get).toList();
    }

    private void index(KvEntry entry) {
        entry.session().ifPresent(s -> held.computeIfAbsent(s, k -> new TreeSet<>()).add(entry.key()));
    }

    private void unindex(KvEntry entry) {
        if (entry == null || entry.session().isEmpty()) {
            return;
        }
        String session = entry.session().get();
        NavigableSet<String> keys = held.get(session);
        keys.remove(entry.key());
        if (keys.isEmpty()) {
            held.remove(session);
        }
    }

    @Override
    public long kvTombstone(String key) {
        return tombstones.getOrDefault(key, 0L);
    }

    @Override
    public long kvOldestTombstone() {
        return tombstones.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    @Override
    public long kvReapTombstones(long index) {
        long highest = 0;
        for (var it = tombstones.values().iterator(); it.hasNext(); ) {
            long deleted = it.next();
            if (deleted <= index) {
                highest = Math.max(highest, deleted);
                it.remove();
            }
        }
        return highest;
    }

    @Override
    public long kvIndex(String prefix) {
        long entries = under(kv, prefix).values().stream().mapToLong(KvEntry::modifyIndex).max().orElse(0);
        long deletions = under(tombstones, prefix).values().stream().mapToLong(Long::longValue).max().orElse(0);
        return Math.max(entries, deletions);
    }

    @Override
    public Optional<Session> sessionGet(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public List<Session> sessionList() {
        return List.copyOf(sessions.values());
    }

    @Override
    public void sessionPut(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> sessionDelete(String id) {
        return Optional.ofNullable(sessions.remove(id));
    }

    @Override
    public long kvLockDelay(String key) {
        return lockDelays.getOrDefault(key, 0L);
    }

    @Override
    public void setKvLockDelay(String key, long untilMillis) {
        if (untilMillis == 0) {
            lockDelays.remove(key);
        } else {
            lockDelays.put(key, untilMillis);
        }
    }

    @Override
    public CatalogTables catalog() {
        return catalog;
    }

    @Override
    public long tableIndex(String table) {
        return tableIndexes.getOrDefault(table, 0L);
    }

    @Override
    public void setTableIndex(String table, long index) {
        tableIndexes.put(table, index);
    }

    @Override
    public void writeSnapshot(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(FORMAT);
        out.writeInt(tableIndexes.size());
        for (Map.Entry<String, Long> table : tableIndexes.entrySet()) {
            Binary.writeString(out, table.getKey());
            out.writeLong(table.getValue());
        }
        out.writeInt(kv.size());
        for (KvEntry entry : kv.values()) {
            Binary.writeString(out, entry.key());
            Binary.writeBytes(out, entry.value());
            out.writeLong(entry.flags());
            out.writeBoolean(entry.session().isPresent());
            if (entry.session().isPresent()) {
                Binary.writeString(out, entry.session().get());
            }
            out.writeLong(entry.lockIndex());
            out.writeLong(entry.createIndex());
            out.writeLong(entry.modifyIndex());
        }
        out.writeInt(tombstones.size());
        for (Map.Entry<String, Long> tombstone : tombstones.entrySet()) {
            Binary.writeString(out, tombstone.getKey());
            out.writeLong(tombstone.getValue());
        }
        out.writeInt(sessions.size());
        for (Session session : sessions.values()) {
            SessionBinary.write(out, session);
        }
        writeLongs(out, lockDelays);
        catalog.write(out);
        out.flush();
    }

    @Override
    public void readSnapshot(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        int format = in.readInt();
        if (format != 1 && format != FORMAT) {
            throw new IOException("unknown memory backend snapshot format " + format);
        }
        NavigableMap<String, Long> newIndexes = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            newIndexes.put(Binary.readString(in), in.readLong());
        }
        NavigableMap<String, KvEntry> newKv = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            String key = Binary.readString(in);
            byte[] value = Binary.readBytes(in);
            long flags = in.readLong();
            Optional<String> session = in.readBoolean() ? Optional.of(Binary.readString(in)) : Optional.empty();
            newKv.put(key, new KvEntry(in.readLong(), key, flags, value, session, in.readLong(), in.readLong()));
        }
        NavigableMap<String, Long> newTombstones = new TreeMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            newTombstones.put(Binary.readString(in), in.readLong());
        }
        NavigableMap<String, Session> newSessions = new TreeMap<>();
        NavigableMap<String, Long> newLockDelays = new TreeMap<>();
        if (format >= 2) {
            for (int i = in.readInt(); i > 0; i--) {
                Session session = SessionBinary.read(in);
                newSessions.put(session.id(), session);
            }
            for (int i = in.readInt(); i > 0; i--) {
                newLockDelays.put(Binary.readString(in), in.readLong());
            }
        }
        MemoryCatalogTables newCatalog = MemoryCatalogTables.read(in);
        // replace only once the whole snapshot has been read: a bad one leaves the tables as they were
        tableIndexes.clear();
        tableIndexes.putAll(newIndexes);
        kv.clear();
        kv.putAll(newKv);
        held.clear();
        kv.values().forEach(this::index);
        tombstones.clear();
        tombstones.putAll(newTombstones);
        catalog.replaceWith(newCatalog);
        sessions.clear();
        sessions.putAll(newSessions);
        lockDelays.clear();
        lockDelays.putAll(newLockDelays);
    }

    private static void writeLongs(DataOutputStream out, Map<String, Long> table) throws IOException {
        out.writeInt(table.size());
        for (Map.Entry<String, Long> entry : table.entrySet()) {
            Binary.writeString(out, entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    /** The entries whose key starts with {@code prefix}: keys sort right after their prefix. */
    private static <V> SortedMap<String, V> under(NavigableMap<String, V> map, String prefix) {
        return prefix.isEmpty() ? map : map.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }
}
