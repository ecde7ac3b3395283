package io.cairn.api.kv;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of the KV store as Consul shows it.
 *
 * @param lockIndex   how many times a session has acquired the key's lock
 * @param key         the full key, never starting with {@code /}
 * @param flags       an opaque uint64 the client stores with the value
 * @param value       the raw value (may be empty, never null)
 * @param session     the session holding the key's lock, if any
 * @param createIndex the Raft index that created the key
 * @param modifyIndex the Raft index of the key's last change
 */
public record KvEntry(long lockIndex, String key, long flags, byte[] value, Optional<String> session,
                      long createIndex, long modifyIndex) {

    public KvEntry {
        Objects.requireNonNull(key, "key");
        value = value == null ? new byte[0] : value;
        Objects.requireNonNull(session, "session");
    }

    /** The same entry with a new value and flags, changed at {@code index}. */
    public KvEntry withValue(byte[] newValue, long newFlags, long index) {
        return new KvEntry(lockIndex, key, newFlags, newValue, session, createIndex, index);
    }

    /** The same entry with its lock now held by {@code holder} (or released when empty). */
    public KvEntry withSession(Optional<String> holder, long newLockIndex, long index) {
        return new KvEntry(newLockIndex, key, flags, value, holder, createIndex, index);
    }

    // a record compares arrays by identity; entries are values, so compare the bytes
    @Override
    public boolean equals(Object o) {
        return o instanceof KvEntry e
                && lockIndex == e.lockIndex && key.equals(e.key) && flags == e.flags
                && Arrays.equals(value, e.value) && session.equals(e.session)
                && createIndex == e.createIndex && modifyIndex == e.modifyIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lockIndex, key, flags, Arrays.hashCode(value), session, createIndex, modifyIndex);
    }

    @Override
    public String toString() {
        return "KvEntry[key=" + key + ", flags=" + flags + ", value=" + value.length + " bytes, session="
                + session.orElse("") + ", lockIndex=" + lockIndex + ", createIndex=" + createIndex
                + ", modifyIndex=" + modifyIndex + "]";
    }
}
