package io.cairn.checks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The few bytes of gRPC's health protocol, by hand: {@code grpc.health.v1.HealthCheckRequest}
 * (field 1, {@code string service}) and {@code HealthCheckResponse} (field 1, enum
 * {@code ServingStatus}) in protobuf's wire format, each message in gRPC's length-prefixed
 * frame (one byte compressed flag, four bytes big-endian length).
 */
final class GrpcHealthWire {

    static final String PATH = "/grpc.health.v1.Health/Check";
    static final int SERVING = 1;
    /** The largest answer read: a health response is a few bytes. */
    static final int MAX_MESSAGE = 64 * 1024;

    private GrpcHealthWire() {
    }

    /** The framed request; an empty service is the server's overall health (field left out, as proto3 does). */
    static ByteBuffer request(String service) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        if (!service.isEmpty()) {
            byte[] name = service.getBytes(StandardCharsets.UTF_8);
            message.write((1 << 3) | 2); // field 1, length-delimited
            writeVarint(message, name.length);
            message.write(name, 0, name.length);
        }
        return frame(message.toByteArray());
    }

    /** A message in gRPC's frame, not compressed. */
    static ByteBuffer frame(byte[] message) {
        ByteBuffer framed = ByteBuffer.allocate(5 + message.length);
        framed.put((byte) 0).putInt(message.length).put(message);
        return framed.flip();
    }

    /** The name Go's generated code prints for a status: {@code NOT_SERVING}, or the number when unknown. */
    static String statusName(long status) {
        return switch ((int) status) {
            case 0 -> "UNKNOWN";
            case 1 -> "SERVING";
            case 2 -> "NOT_SERVING";
            case 3 -> "SERVICE_UNKNOWN";
            default -> Long.toString(status);
        };
    }

    /**
     * The {@code status} of a HealthCheckResponse (0, UNKNOWN, when absent as proto3 leaves
     * defaults out); other fields are skipped.
     *
     * @throws IllegalArgumentException when the bytes are not a valid protobuf message
     */
    static long responseStatus(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        long status = 0;
        while (in.hasRemaining()) {
            long key = readVarint(in);
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case 0 -> {
                    long value = readVarint(in);
                    if (field == 1) {
                        status = value;
                    }
                }
                case 1 -> skip(in, 8);
                case 2 -> skip(in, readVarint(in));
                case 5 -> skip(in, 4);
                default -> throw new IllegalArgumentException("bad wire type " + wireType);
            }
            if (field == 0) {
                throw new IllegalArgumentException("field number 0");
            }
        }
        return status;
    }

    /**
     * Reads framed messages as they arrive and keeps the first; more than {@link #MAX_MESSAGE}
     * bytes or a compressed message is an error.
     */
    static final class Reader {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private byte[] first;

        /** @throws IllegalArgumentException on a compressed or oversized message */
        void add(ByteBuffer bytes) {
            if (first != null) {
                return;
            }
            byte[] chunk = new byte[bytes.remaining()];
            bytes.get(chunk);
            buffer.write(chunk, 0, chunk.length);
            byte[] all = buffer.toByteArray();
            if (all.length < 5) {
                return;
            }
            if (all[0] != 0) {
                throw new IllegalArgumentException("grpc: compressed message received but no compression was asked for");
            }
            long length = ByteBuffer.wrap(all, 1, 4).getInt() & 0xFFFFFFFFL;
            if (length > MAX_MESSAGE) {
                throw new IllegalArgumentException("grpc: received message larger than max (" + length + " vs. "
                        + MAX_MESSAGE + ")");
            }
            if (all.length >= 5 + length) {
                first = new byte[(int) length];
                System.arraycopy(all, 5, first, 0, (int) length);
            } else if (all.length > 5 + MAX_MESSAGE) {
                throw new IllegalArgumentException("grpc: received message larger than max");
            }
        }

        /** The first whole message, or null when none arrived (yet). */
        byte[] message() {
            return first;
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static void skip(ByteBuffer in, long length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("truncated field");
        }
        in.position(in.position() + (int) length);
    }
}
