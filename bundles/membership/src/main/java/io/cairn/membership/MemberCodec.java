package io.cairn.membership;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;

/**
 * A member's announcement (name, address, port, tags) as bytes: what travels in its pool
 * address, so every view carries who each member is. Versioned by its first byte.
 */
public final class MemberCodec {

    private static final int VERSION = 1;

    private MemberCodec() {
    }

    public static byte[] encode(Member member) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(member.name());
            out.writeUTF(member.addr());
            out.writeInt(member.port());
            out.writeShort(member.tags().size());
            for (Map.Entry<String, String> tag : member.tags().entrySet()) {
                out.writeUTF(tag.getKey());
                out.writeUTF(tag.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The announced member, alive. */
    public static Member decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IOException("unknown member announcement version " + version);
            }
            String name = in.readUTF();
            String addr = in.readUTF();
            int port = in.readInt();
            int count = in.readShort();
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                tags.put(in.readUTF(), in.readUTF());
            }
            return new Member(name, addr, port, tags, MemberStatus.ALIVE);
        }
    }
}
