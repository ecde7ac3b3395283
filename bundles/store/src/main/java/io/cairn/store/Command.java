package io.cairn.store;

import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.Registration;

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
}
