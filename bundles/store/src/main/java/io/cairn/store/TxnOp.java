package io.cairn.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One KV operation of a transaction ({@code PUT /v1/txn}), as it travels in the log.
 *
 * @param verb    what to do
 * @param key     the key, or the prefix for the tree verbs
 * @param value   the value for set, cas and lock (empty otherwise)
 * @param flags   the flags written with the value
 * @param index   the ModifyIndex that cas, delete-cas and check-index compare against
 * @param session the session of lock, unlock and check-session ("" otherwise)
 */
public record TxnOp(Verb verb, String key, byte[] value, long flags, long index, String session) {

    /** Consul's KV verbs; the wire name is the lower-case name with dashes. */
    public enum Verb {
        SET, CAS, LOCK, UNLOCK, GET, GET_OR_EMPTY, GET_TREE, CHECK_INDEX, CHECK_SESSION, CHECK_NOT_EXISTS,
        DELETE, DELETE_TREE, DELETE_CAS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Verb> byWireName(String name) {
            return Arrays.stream(values()).filter(v -> v.wireName().equals(name)).findFirst();
        }

        /** Whether the verb changes the state: a transaction of reads only needs no log entry. */
        public boolean writes() {
            return switch (this) {
                case SET, CAS, LOCK, UNLOCK, DELETE, DELETE_TREE, DELETE_CAS -> true;
                case GET, GET_OR_EMPTY, GET_TREE, CHECK_INDEX, CHECK_SESSION, CHECK_NOT_EXISTS -> false;
            };
        }
    }

    public TxnOp {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(key, "key");
        value = value == null ? new byte[0] : value;
        session = session == null ? "" : session;
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(verb.ordinal());
        Binary.writeString(out, key);
        Binary.writeBytes(out, value);
        out.writeLong(flags);
        out.writeLong(index);
        Binary.writeString(out, session);
    }

    static TxnOp read(DataInput in) throws IOException {
        int verb = in.readUnsignedByte();
        if (verb >= Verb.values().length) {
            throw new IOException("unknown transaction verb " + verb);
        }
        return new TxnOp(Verb.values()[verb], Binary.readString(in), Binary.readBytes(in), in.readLong(),
                in.readLong(), Binary.readString(in));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxnOp t && verb == t.verb && key.equals(t.key) && Arrays.equals(value, t.value)
                && flags == t.flags && index == t.index && session.equals(t.session);
    }

    @Override
    public int hashCode() {
        return Objects.hash(verb, key, Arrays.hashCode(value), flags, index, session);
    }
}
