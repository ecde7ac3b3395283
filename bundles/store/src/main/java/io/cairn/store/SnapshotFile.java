package io.cairn.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * One snapshot of the state on disk: a header (magic, format, term, index), the backend's
 * tables, and a CRC-32C of everything before it. Written to a temporary file and moved into
 * place, so a crash never leaves a half snapshot under the real name; verified whole before
 * any of it is loaded, so a damaged file never half-replaces the state.
 */
public final class SnapshotFile {

    private static final byte[] MAGIC = "CAIRNSNP".getBytes(StandardCharsets.US_ASCII);
    /** 2: the body starts with the state kept beside the backend's tables (the auto_encrypt CA). */
    private static final int FORMAT = 2;
    private static final int FIRST_FORMAT = 1;
    private static final int CHECKSUM_BYTES = Long.BYTES;

    /** Writes the body of a snapshot. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Reads the body of a verified snapshot taken at {@code position}. */
    @FunctionalInterface
    public interface Loader {
        void readFrom(Position position, InputStream in) throws IOException;
    }

    /** Reads the body of a verified snapshot taken at {@code position}, written in {@code format}. */
    @FunctionalInterface
    public interface FormatLoader {
        void readFrom(Position position, int format, InputStream in) throws IOException;
    }

    /** The snapshot's place in the log. */
    public record Position(long term, long index) {
    }

    /** The file is not a snapshot, or its checksum does not match its contents. */
    public static class CorruptSnapshotException extends IOException {
        private static final long serialVersionUID = 1L;

        public CorruptSnapshotException(String message) {
            super(message);
        }
    }

    private SnapshotFile() {
    }

    public static void write(Path file, Position position, Body body) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
             DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc))) {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(position.term());
            out.writeLong(position.index());
            body.writeTo(out);
            out.flush();
            // the checksum itself is written past the checked stream
            raw.write(ByteBuffer.allocate(CHECKSUM_BYTES).putLong(crc.getValue()).array());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Verifies the whole file, then hands its body to {@code loader}.
     *
     * @throws CorruptSnapshotException when the file is damaged; nothing was loaded
     */
    public static Position read(Path file, Loader loader) throws IOException {
        return read(file, (FormatLoader) (position, format, in) -> loader.readFrom(position, in));
    }

    /** As {@link #read(Path, Loader)}, telling the loader the file's format. */
    public static Position read(Path file, FormatLoader loader) throws IOException {
        Position position = verify(file);
        int format = format(file);
        long bodyLength = Files.size(file) - headerLength() - CHECKSUM_BYTES;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.skipNBytes(headerLength());
            loader.readFrom(position, format, new BoundedInputStream(raw, bodyLength));
        }
        return position;
    }

    /** Checks the magic, format and checksum; the snapshot's position when they hold. */
    public static Position verify(Path file) throws IOException {
        long size = Files.size(file);
        if (size < headerLength() + CHECKSUM_BYTES) {
            throw new CorruptSnapshotException(file + ": too short for a snapshot (" + size + " bytes)");
        }
        CRC32C crc = new CRC32C();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CorruptSnapshotException(file + ": not a Cairn snapshot");
            }
            int format = in.readInt();
            if (format < FIRST_FORMAT || format > FORMAT) {
                throw new CorruptSnapshotException(file + ": unknown snapshot format " + format);
            }
            Position position = new Position(in.readLong(), in.readLong());
            in.skipNBytes(size - headerLength() - CHECKSUM_BYTES);
            long expected = new DataInputStream(raw).readLong();
            if (crc.getValue() != expected) {
                throw new CorruptSnapshotException(file + ": checksum mismatch (stored "
                        + Long.toHexString(expected) + ", computed " + Long.toHexString(crc.getValue()) + ")");
            }
            return position;
        }
    }

    private static int format(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.skipNBytes(MAGIC.length);
            return in.readInt();
        }
    }

    /** The format this version writes. */
    public static int currentFormat() {
        return FORMAT;
    }

    private static long headerLength() {
        return MAGIC.length + Integer.BYTES + 2L * Long.BYTES;
    }

    /** The body without the checksum that follows it. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
