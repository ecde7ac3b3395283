package io.cairn.membership;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a member announces to the pool beyond its presence: that it leaves, or that a failed
 * member is to be forced out. Views alone cannot tell a leave from a crash.
 *
 * @param node  the member concerned
 * @param prune for a force-leave: drop it from the list at once
 */
public record Intent(Kind kind, String node, boolean prune) {

    /** Wire codes: ONLY APPEND, an older member ignores a code it does not know. */
    public enum Kind {
        LEAVE(1), FORCE_LEAVE(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }
    }

    public static Intent leave(String node) {
        return new Intent(Kind.LEAVE, node, false);
    }

    public static Intent forceLeave(String node, boolean prune) {
        return new Intent(Kind.FORCE_LEAVE, node, prune);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind.code);
            out.writeUTF(node);
            out.writeBoolean(prune);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The intent, or null for a kind this version does not know. */
    public static Intent decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int code = in.readByte();
            for (Kind kind : Kind.values()) {
                if (kind.code == code) {
                    return new Intent(kind, in.readUTF(), in.readBoolean());
                }
            }
            return null;
        }
    }
}
