package io.cairn.store;

import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.Registration;
import io.cairn.api.session.Session;

/**
 * A write to the replicated state, as it travels through the Raft log. Each command is
 * complete: everything its application depends on (indexes, ids, deadlines) is in it, so
 * applying it needs no clock, randomness or I/O.
 */
public sealed interface Command {

    CommandType type();

    /** Writes the fields after the type byte, in declaration order; {@link CommandCodec} reads them back. */
    void writeFields(DataOutput out) throws IOException;

    /** Sets a key's value and flags. */
    record KvSet(String key, byte[] value, long flags) implements Command {
        public KvSet {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public CommandType type() {
            return CommandType.KV_SET;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, key);
            Binary.writeBytes(out, value);
            out.writeLong(flags);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KvSet s && key.equals(s.key) && Arrays.equals(value, s.value) && flags == s.flags;
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(value), flags);
        }
    }

    /** Sets a key only if its ModifyIndex is {@code index}; 0 means only if absent. */
    record KvCas(String key, byte[] value, long flags, long index) implements Command {
        public KvCas {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public CommandType type() {
            return CommandType.KV_CAS;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, key);
            Binary.writeBytes(out, value);
            out.writeLong(flags);
            out.writeLong(index);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KvCas c && key.equals(c.key) && Arrays.equals(value, c.value)
                    && flags == c.flags && index == c.index;
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(value), flags, index);
        }
    }

    record KvDelete(String key) implements Command {
        @Override
        public CommandType type() {
            return CommandType.KV_DELETE;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, key);
        }
    }

    /** Deletes a key only if its ModifyIndex is {@code index} (an absent key counts as deleted). */
    record KvDeleteCas(String key, long index) implements Command {
        @Override
        public CommandType type() {
            return CommandType.KV_DELETE_CAS;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, key);
            out.writeLong(index);
        }
    }

    record KvDeleteTree(String prefix) implements Command {
        @Override
        public CommandType type() {
            return CommandType.KV_DELETE_TREE;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, prefix);
        }
    }
    /**
     * Creates a session. The client sends it without an id; the leader gives it a fresh UUID
     * before the command enters the log.
     */
    record SessionCreate(Session session) implements Command {
        @Override
        public CommandType type() {
            return CommandType.SESSION_CREATE;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            SessionBinary.write(out, session);
        }

        SessionCreate withId(String id) {
            Session s = session;
            return new SessionCreate(new Session(id, s.name(), s.node(), s.lockDelay(), s.behavior(), s.ttl(),
                    s.nodeChecks(), s.serviceChecks(), 0, 0));
        }
    }

    /**
     * Ends a session (destroyed by a user, or its TTL expired): its keys are released or
     * deleted. {@code now} is the leader's clock (ms since the epoch) when it decided, from
     * which the lock-delay of the keys is counted; 0 until the leader fills it in.
     */
    record SessionDestroy(String id, long now) implements Command {
        @Override
        public CommandType type() {
            return CommandType.SESSION_DESTROY;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, id);
            out.writeLong(now);
        }
    }

    /**
     * Renews a session's TTL. It changes nothing in the state; it travels through the log so
     * that it reaches the leader, whose timer it restarts when the leader applies it.
     */
    record SessionRenew(String id) implements Command {
        @Override
        public CommandType type() {
            return CommandType.SESSION_RENEW;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, id);
        }
    }

    /**
     * Writes a key and takes its lock for {@code session} ({@code ?acquire}). {@code now} is
     * the leader's clock, compared with the key's lock-delay; 0 until the leader fills it in.
     */
    record KvLock(String key, byte[] value, long flags, String session, long now) implements Command {
        public KvLock {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(session, "session");
        }

        @Override
        public CommandType type() {
            return CommandType.KV_LOCK;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, key);
            Binary.writeBytes(out, value);
            out.writeLong(flags);
            Binary.writeString(out, session);
            out.writeLong(now);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KvLock l && key.equals(l.key) && Arrays.equals(value, l.value) && flags == l.flags
                    && session.equals(l.session) && now == l.now;
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(value), flags, session, now);
        }
    }

    /** Writes a key and lets go of the lock {@code session} holds on it ({@code ?release}). */
    record KvUnlock(String key, byte[] value, long flags, String session) implements Command {
        public KvUnlock {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(session, "session");
        }

        @Override
        public CommandType type() {
            return CommandType.KV_UNLOCK;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, key);
            Binary.writeBytes(out, value);
            out.writeLong(flags);
            Binary.writeString(out, session);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KvUnlock u && key.equals(u.key) && Arrays.equals(value, u.value) && flags == u.flags
                    && session.equals(u.session);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(value), flags, session);
        }
    }

    /**
     * A transaction: every operation or none. {@code now} is the leader's clock for the lock
     * operations' lock-delay check; 0 until the leader fills it in.
     */
    record Txn(List<TxnOp> ops, long now) implements Command {
        public Txn {
            ops = List.copyOf(ops);
        }

        @Override
        public CommandType type() {
            return CommandType.TXN;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            out.writeInt(ops.size());
            for (TxnOp op : ops) {
                op.write(out);
            }
            out.writeLong(now);
        }
    }

    /** Replaces the whole state by a snapshot's tables (the body of a {@link SnapshotFile}). */
    record SnapshotRestore(byte[] tables) implements Command {
        public SnapshotRestore {
            Objects.requireNonNull(tables, "tables");
        }

        @Override
        public CommandType type() {
            return CommandType.SNAPSHOT_RESTORE;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeBytes(out, tables);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SnapshotRestore r && Arrays.equals(tables, r.tables);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(tables);
        }
    }

    /** Registers nodes, services and checks, complete as {@link CatalogRules#complete} made them. */
    record CatalogRegister(List<Registration> registrations) implements Command {
        public CatalogRegister {
            registrations = List.copyOf(registrations);
        }

        @Override
        public CommandType type() {
            return CommandType.CATALOG_REGISTER;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            out.writeInt(registrations.size());
            for (Registration registration : registrations) {
                CatalogCodec.writeRegistration(out, registration);
            }
        }
    }

    /**
     * The auto_encrypt CA the servers share: made (key and certificate) by the leader before
     * the command enters the log, never while applying. The first one applied stays; a later
     * one changes nothing.
     */
    record CaInitialize(String certificatePem, String keyPem) implements Command {
        public CaInitialize {
            Objects.requireNonNull(certificatePem, "certificatePem");
            Objects.requireNonNull(keyPem, "keyPem");
        }

        @Override
        public CommandType type() {
            return CommandType.CA_INITIALIZE;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            Binary.writeString(out, certificatePem);
            Binary.writeString(out, keyPem);
        }

        @Override
        public String toString() {
            return "CaInitialize[key hidden]";
        }
    }

    record CatalogDeregister(Deregistration deregistration) implements Command {
        @Override
        public CommandType type() {
            return CommandType.CATALOG_DEREGISTER;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            CatalogCodec.writeDeregistration(out, deregistration);
        }
    }

    /** Removes the KV tombstones left at or below {@code index}. */
    record TombstoneReap(long index) implements Command {
        @Override
        public CommandType type() {
            return CommandType.TOMBSTONE_REAP;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            out.writeLong(index);
        }
    }
    /**
     * Independent KV writes that a server groups into one log entry when many arrive at once
     * (group commit): applied in order at the entry's index, like the operations of a
     * transaction, but each with its own outcome and none depending on another's. Only
     * commands the leader decides nothing for may be grouped.
     */
    record Batch(List<Command> commands) implements Command {

        private static final Set<CommandType> GROUPABLE = EnumSet.of(CommandType.KV_SET,
                CommandType.KV_CAS, CommandType.KV_DELETE, CommandType.KV_DELETE_CAS, CommandType.KV_DELETE_TREE);

        public Batch {
            commands = List.copyOf(commands);
            for (Command command : commands) {
                if (!groupable(command)) {
                    throw new IllegalArgumentException(command.type() + " cannot be grouped");
                }
            }
        }

        public static boolean groupable(Command command) {
            return GROUPABLE.contains(command.type());
        }

        @Override
        public CommandType type() {
            return CommandType.BATCH;
        }

        @Override
        public void writeFields(DataOutput out) throws IOException {
            writeEncoded(out, commands.stream().map(CommandCodec::encode).toList());
        }

        /** The fields of a batch whose commands are already encoded (group commit encodes each once). */
        static void writeEncoded(DataOutput out, List<byte[]> encoded) throws IOException {
            out.writeInt(encoded.size());
            for (byte[] command : encoded) {
                Binary.writeBytes(out, command);
            }
        }
    }
}
