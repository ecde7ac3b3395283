package io.cairn.membership;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.cairn.api.membership.UserEvent;

/**
 * A user event on the pool's wire: the first byte is its kind (after {@link Intent}'s,
 * the announcement's and {@link KeyringMessage}'s), so an older member ignores it.
 */
final class UserEventCodec {

    static final int KIND = 6;

    private UserEventCodec() {
    }

    static byte[] encode(UserEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(KIND);
            out.writeUTF(event.id());
            out.writeUTF(event.name());
            byte[] payload = event.payload();
            out.writeInt(payload.length);
            out.write(payload);
            out.writeUTF(event.nodeFilter());
            out.writeUTF(event.serviceFilter());
            out.writeUTF(event.tagFilter());
            out.writeShort(event.version());
            out.writeLong(event.lTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static UserEvent decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != KIND) {
                throw new IOException("not a user event");
            }
            String id = in.readUTF();
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > data.length) {
                throw new IOException("user event payload of " + length + " bytes in a message of " + data.length);
            }
            byte[] payload = in.readNBytes(length);
            return new UserEvent(id, name, payload, in.readUTF(), in.readUTF(), in.readUTF(), in.readShort(),
                    in.readLong());
        }
    }
}
