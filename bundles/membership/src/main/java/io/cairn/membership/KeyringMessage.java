package io.cairn.membership;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyring operations spread over a pool: a request every member applies to its own
 * keyring, and each member's reply (its keys after the operation, or why it refused), sent
 * back to the member that asked. Sealed like all pool traffic with the sender's primary key.
 *
 * <p>Wire: the first byte is the message kind, after {@link Intent}'s codes (an older member
 * ignores a kind it does not know).
 */
public sealed interface KeyringMessage {

    int REQUEST = 4;
    int REPLY = 5;

    enum Op {
        LIST, INSTALL, USE, REMOVE
    }

    /**
     * @param id  chosen by the member that asks, to match the replies
     * @param key the key concerned; "" for {@link Op#LIST}
     */
    record Request(long id, Op op, String key) implements KeyringMessage {
    }

    /**
     * @param keys    the member's keys after the operation, primary first (empty: no encryption)
     * @param error   why it refused; "" when it did not
     */
    record Reply(long id, String node, List<String> keys, String error) implements KeyringMessage {
        public Reply {
            keys = List.copyOf(keys);
        }

        public boolean failed() {
            return !error.isEmpty();
        }
    }

    default byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (this instanceof Request r) {
                out.writeByte(REQUEST);
                out.writeLong(r.id());
                out.writeByte(r.op().ordinal());
                out.writeUTF(r.key());
            } else if (this instanceof Reply r) {
                out.writeByte(REPLY);
                out.writeLong(r.id());
                out.writeUTF(r.node());
                out.writeUTF(r.error());
                out.writeShort(r.keys().size());
                for (String key : r.keys()) {
                    out.writeUTF(key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The message, or null when the bytes are of another kind. */
    static KeyringMessage decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int kind = in.readByte();
            if (kind == REQUEST) {
                long id = in.readLong();
                int op = in.readByte();
                if (op < 0 || op >= Op.values().length) {
                    return null;
                }
                return new Request(id, Op.values()[op], in.readUTF());
            }
            if (kind == REPLY) {
                long id = in.readLong();
                String node = in.readUTF();
                String error = in.readUTF();
                int count = in.readShort();
                List<String> keys = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    keys.add(in.readUTF());
                }
                return new Reply(id, node, keys, error);
            }
            return null;
        }
    }
}
