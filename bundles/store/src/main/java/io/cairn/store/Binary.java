package io.cairn.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The field encodings shared by the log's commands and the default backend's snapshots. */
public final class Binary {

    /** No field is larger (a value is at most 512 KiB); a larger length means corrupt bytes. */
    private static final int MAX_FIELD_LENGTH = 16 * 1024 * 1024;

    private Binary() {
    }

    public static void writeString(DataOutput out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    public static void writeBytes(DataOutput out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    public static byte[] readBytes(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FIELD_LENGTH) {
            throw new IOException("impossible field length " + length);
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
