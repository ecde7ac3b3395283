package io.cairn.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.cairn.api.consensus.StoreException;

/**
 * What applying a command answered, as it travels back to the client that submitted it: true
 * or false (a check-and-set or lock that did not take), or a refusal with Consul's message
 * (e.g. {@code invalid session "x"}), with a payload for commands that return data (the id of
 * a new session, a transaction's results).
 */
public record Outcome(boolean ok, Optional<String> error, byte[] payload) {

    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private static final byte REFUSED = 2;

    public Outcome {
        Objects.requireNonNull(error, "error");
        payload = payload == null ? new byte[0] : payload;
    }

    public static Outcome of(boolean ok) {
        return new Outcome(ok, Optional.empty(), new byte[0]);
    }

    public static Outcome ok(byte[] payload) {
        return new Outcome(true, Optional.empty(), payload);
    }

    public static Outcome refused(String message) {
        return new Outcome(false, Optional.of(message), new byte[0]);
    }

    /**
     * This outcome, unless it is a refusal: then a failure with Consul's message, which Consul
     * answers with 500 ({@code invalid session "x"}).
     */
    public Outcome accepted() {
        if (error.isPresent()) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, error.get());
        }
        return this;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + payload.length);
        out.write(error.isPresent() ? REFUSED : ok ? TRUE : FALSE);
        byte[] rest = error.map(e -> e.getBytes(StandardCharsets.UTF_8)).orElse(payload);
        out.writeBytes(rest);
        return out.toByteArray();
    }

    public static Outcome decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty outcome");
        }
        byte[] rest = Arrays.copyOfRange(bytes, 1, bytes.length);
        return switch (bytes[0]) {
            case FALSE -> new Outcome(false, Optional.empty(), rest);
            case TRUE -> new Outcome(true, Optional.empty(), rest);
            case REFUSED -> refused(new String(rest, StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("unknown outcome " + bytes[0]);
        };
    }

    /** The outcomes of a {@link Command.Batch}'s commands, in order, as one. */
    public static Outcome ofEach(List<Outcome> outcomes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Outcome outcome : outcomes) {
            byte[] encoded = outcome.encode();
            out.write(encoded.length >>> 24);
            out.write(encoded.length >>> 16);
            out.write(encoded.length >>> 8);
            out.write(encoded.length);
            out.writeBytes(encoded);
        }
        return ok(out.toByteArray());
    }

    /** The outcomes {@link #ofEach} put together, in order. */
    public List<Outcome> each() {
        List<Outcome> outcomes = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(payload);
        while (in.hasRemaining()) {
            byte[] encoded = new byte[in.getInt()];
            in.get(encoded);
            outcomes.add(decode(encoded));
        }
        return outcomes;
    }

    // a record compares arrays by identity; outcomes are values
    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && ok == other.ok && error.equals(other.error)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ok, error, Arrays.hashCode(payload));
    }
}
