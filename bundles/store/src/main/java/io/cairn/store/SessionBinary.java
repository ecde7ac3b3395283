package io.cairn.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cairn.api.session.ServiceCheck;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;

/** A session's binary form, shared by the log's session commands and the default backend's snapshots. */
final class SessionBinary {

    private SessionBinary() {
    }

    static void write(DataOutput out, Session s) throws IOException {
        Binary.writeString(out, s.id());
        Binary.writeString(out, s.name());
        Binary.writeString(out, s.node());
        out.writeLong(s.lockDelay().toNanos());
        out.writeByte(s.behavior().ordinal());
        // 0 stands for "no TTL": Consul takes a TTL of 0 as none
        out.writeLong(s.ttl().map(Duration::toNanos).orElse(0L));
        out.writeInt(s.nodeChecks().size());
        for (String check : s.nodeChecks()) {
            Binary.writeString(out, check);
        }
        out.writeInt(s.serviceChecks().size());
        for (ServiceCheck check : s.serviceChecks()) {
            Binary.writeString(out, check.id());
            Binary.writeString(out, check.namespace());
        }
        out.writeLong(s.createIndex());
        out.writeLong(s.modifyIndex());
    }

    static Session read(DataInput in) throws IOException {
        String id = Binary.readString(in);
        String name = Binary.readString(in);
        String node = Binary.readString(in);
        Duration lockDelay = Duration.ofNanos(in.readLong());
        int behavior = in.readUnsignedByte();
        if (behavior >= SessionBehavior.values().length) {
            throw new IOException("unknown session behavior " + behavior);
        }
        long ttl = in.readLong();
        List<String> nodeChecks = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            nodeChecks.add(Binary.readString(in));
        }
        List<ServiceCheck> serviceChecks = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            serviceChecks.add(new ServiceCheck(Binary.readString(in), Binary.readString(in)));
        }
        return new Session(id, name, node, lockDelay, SessionBehavior.values()[behavior],
                ttl == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(ttl)), nodeChecks, serviceChecks,
                in.readLong(), in.readLong());
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("impossible list length " + n);
        }
        return n;
    }
}
