package io.cairn.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cairn.api.kv.KvEntry;

/**
 * A transaction's answer: on success the results of its operations in order (empty errors),
 * on rollback the errors with the index of the operation that failed (empty results).
 */
public record TxnOutcome(List<Result> results, List<Error> errors) {

    /** One KV result; the value is shown only for the get verbs, as Consul does. */
    public record Result(KvEntry entry, boolean withValue) {
    }

    public record Error(int opIndex, String what) {
    }

    public TxnOutcome {
        results = List.copyOf(results);
        errors = List.copyOf(errors);
    }

    public boolean committed() {
        return errors.isEmpty();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(results.size());
            for (Result r : results) {
                KvEntry e = r.entry();
                out.writeBoolean(r.withValue());
                Binary.writeString(out, e.key());
                Binary.writeBytes(out, e.value());
                out.writeLong(e.flags());
                Binary.writeString(out, e.session().orElse(""));
                out.writeLong(e.lockIndex());
                out.writeLong(e.createIndex());
                out.writeLong(e.modifyIndex());
            }
            out.writeInt(errors.size());
            for (Error e : errors) {
                out.writeInt(e.opIndex());
                Binary.writeString(out, e.what());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TxnOutcome decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            List<Result> results = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                boolean withValue = in.readBoolean();
                String key = Binary.readString(in);
                byte[] value = Binary.readBytes(in);
                long flags = in.readLong();
                String session = Binary.readString(in);
                results.add(new Result(new KvEntry(in.readLong(), key, flags, value,
                        session.isEmpty() ? Optional.empty() : Optional.of(session), in.readLong(), in.readLong()),
                        withValue));
            }
            List<Error> errors = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                errors.add(new Error(in.readInt(), Binary.readString(in)));
            }
            return new TxnOutcome(results, errors);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed transaction outcome: " + e, e);
        }
    }
}
