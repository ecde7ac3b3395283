package io.cairn.store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthCheckDefinition;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceAddress;
import io.cairn.api.catalog.Weights;

/**
 * The binary form of catalog rows and requests, shared by the log's catalog commands and the
 * default backend's snapshots. Maps are written sorted by key, so equal rows always encode to
 * the same bytes (snapshots must be byte-identical on every server). Stable: a field is only
 * ever added behind a new command type or snapshot format.
 */
public final class CatalogCodec {

    private CatalogCodec() {
    }

    public static void writeNode(DataOutput out, Node node) throws IOException {
        Binary.writeString(out, node.id());
        Binary.writeString(out, node.node());
        Binary.writeString(out, node.address());
        Binary.writeString(out, node.datacenter());
        writeStrings(out, node.taggedAddresses());
        writeStrings(out, node.meta());
        out.writeLong(node.createIndex());
        out.writeLong(node.modifyIndex());
    }

    public static Node readNode(DataInput in) throws IOException {
        return new Node(Binary.readString(in), Binary.readString(in), Binary.readString(in), Binary.readString(in),
                readStrings(in), readStrings(in), in.readLong(), in.readLong());
    }

    public static void writeService(DataOutput out, Service service) throws IOException {
        writeOptional(out, service.kind());
        Binary.writeString(out, service.id());
        Binary.writeString(out, service.service());
        writeList(out, service.tags());
        Binary.writeString(out, service.address());
        out.writeInt(service.taggedAddresses().size());
        for (Map.Entry<String, ServiceAddress> tagged : new TreeMap<>(service.taggedAddresses()).entrySet()) {
            Binary.writeString(out, tagged.getKey());
            Binary.writeString(out, tagged.getValue().address());
            out.writeInt(tagged.getValue().port());
        }
        writeStrings(out, service.meta());
        out.writeInt(service.port());
        out.writeInt(service.weights().passing());
        out.writeInt(service.weights().warning());
        out.writeBoolean(service.enableTagOverride());
        out.writeLong(service.createIndex());
        out.writeLong(service.modifyIndex());
    }

    public static Service readService(DataInput in) throws IOException {
        Optional<String> kind = readOptional(in);
        String id = Binary.readString(in);
        String name = Binary.readString(in);
        List<String> tags = readList(in);
        String address = Binary.readString(in);
        Map<String, ServiceAddress> tagged = new LinkedHashMap<>();
        for (int i = count(in); i > 0; i--) {
            tagged.put(Binary.readString(in), new ServiceAddress(Binary.readString(in), in.readInt()));
        }
        Map<String, String> meta = readStrings(in);
        int port = in.readInt();
        Weights weights = new Weights(in.readInt(), in.readInt());
        return new Service(kind, id, name, tags, address, tagged, meta, port, weights, in.readBoolean(),
                in.readLong(), in.readLong());
    }

    public static void writeCheck(DataOutput out, HealthCheck check) throws IOException {
        Binary.writeString(out, check.node());
        Binary.writeString(out, check.checkId());
        Binary.writeString(out, check.name());
        Binary.writeString(out, check.status().toString());
        Binary.writeString(out, check.notes());
        Binary.writeString(out, check.output());
        Binary.writeString(out, check.serviceId());
        Binary.writeString(out, check.serviceName());
        writeList(out, check.serviceTags());
        Binary.writeString(out, check.type());
        writeDefinition(out, check.definition());
        out.writeLong(check.createIndex());
        out.writeLong(check.modifyIndex());
    }

    public static HealthCheck readCheck(DataInput in) throws IOException {
        String node = Binary.readString(in);
        String id = Binary.readString(in);
        String name = Binary.readString(in);
        String status = Binary.readString(in);
        return new HealthCheck(node, id, name,
                HealthStatus.ofWireName(status).orElseThrow(() -> new IOException("unknown check status " + status)),
                Binary.readString(in), Binary.readString(in), Binary.readString(in), Binary.readString(in),
                readList(in), Binary.readString(in), readDefinition(in), in.readLong(), in.readLong());
    }

    private static void writeDefinition(DataOutput out, HealthCheckDefinition d) throws IOException {
        writeOptional(out, d.http());
        out.writeBoolean(d.header().isPresent());
        if (d.header().isPresent()) {
            out.writeInt(d.header().get().size());
            for (Map.Entry<String, List<String>> header : new TreeMap<>(d.header().get()).entrySet()) {
                Binary.writeString(out, header.getKey());
                writeList(out, header.getValue());
            }
        }
        writeOptional(out, d.method());
        writeOptional(out, d.body());
        writeOptional(out, d.tlsServerName());
        writeOptionalFlag(out, d.tlsSkipVerify());
        writeOptional(out, d.tcp());
        writeOptional(out, d.udp());
        writeOptional(out, d.grpc());
        writeOptionalFlag(out, d.grpcUseTls());
        writeOptional(out, d.interval());
        writeOptional(out, d.timeout());
        writeOptional(out, d.deregisterCriticalServiceAfter());
    }

    private static HealthCheckDefinition readDefinition(DataInput in) throws IOException {
        Optional<String> http = readOptional(in);
        Optional<Map<String, List<String>>> header = Optional.empty();
        if (in.readBoolean()) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                values.put(Binary.readString(in), readList(in));
            }
            header = Optional.of(values);
        }
        return new HealthCheckDefinition(http, header, readOptional(in), readOptional(in), readOptional(in),
                readOptionalFlag(in), readOptional(in), readOptional(in), readOptional(in), readOptionalFlag(in),
                readOptional(in), readOptional(in), readOptional(in));
    }

    public static void writeRegistration(DataOutput out, Registration r) throws IOException {
        Binary.writeString(out, r.id());
        Binary.writeString(out, r.node());
        Binary.writeString(out, r.address());
        Binary.writeString(out, r.datacenter());
        writeStrings(out, r.taggedAddresses());
        writeStrings(out, r.nodeMeta());
        out.writeBoolean(r.service().isPresent());
        if (r.service().isPresent()) {
            writeService(out, r.service().get());
        }
        List<HealthCheck> checks = r.allChecks();
        out.writeInt(checks.size());
        for (HealthCheck check : checks) {
            writeCheck(out, check);
        }
        out.writeBoolean(r.skipNodeUpdate());
    }

    /** The registration with its single {@code Check} already merged into {@code Checks}. */
    public static Registration readRegistration(DataInput in) throws IOException {
        String id = Binary.readString(in);
        String node = Binary.readString(in);
        String address = Binary.readString(in);
        String datacenter = Binary.readString(in);
        Map<String, String> tagged = readStrings(in);
        Map<String, String> meta = readStrings(in);
        Optional<Service> service = in.readBoolean() ? Optional.of(readService(in)) : Optional.empty();
        List<HealthCheck> checks = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            checks.add(readCheck(in));
        }
        return new Registration(id, node, address, datacenter, tagged, meta, service, Optional.empty(), checks,
                in.readBoolean());
    }

    public static void writeDeregistration(DataOutput out, Deregistration d) throws IOException {
        Binary.writeString(out, d.node());
        Binary.writeString(out, d.datacenter());
        writeOptional(out, d.serviceId());
        writeOptional(out, d.checkId());
    }

    public static Deregistration readDeregistration(DataInput in) throws IOException {
        return new Deregistration(Binary.readString(in), Binary.readString(in), readOptional(in), readOptional(in));
    }

    // ---- field helpers

    private static void writeStrings(DataOutput out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
            Binary.writeString(out, entry.getKey());
            Binary.writeString(out, entry.getValue());
        }
    }

    private static Map<String, String> readStrings(DataInput in) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = count(in); i > 0; i--) {
            map.put(Binary.readString(in), Binary.readString(in));
        }
        return map;
    }

    private static void writeList(DataOutput out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String value : list) {
            Binary.writeString(out, value);
        }
    }

    private static List<String> readList(DataInput in) throws IOException {
        int size = count(in);
        List<String> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(Binary.readString(in));
        }
        return list;
    }

    private static void writeOptional(DataOutput out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            Binary.writeString(out, value.get());
        }
    }

    private static Optional<String> readOptional(DataInput in) throws IOException {
        return in.readBoolean() ? Optional.of(Binary.readString(in)) : Optional.empty();
    }

    /** Absent, false or true: one byte, 0, 1 or 2. */
    private static void writeOptionalFlag(DataOutput out, Optional<Boolean> value) throws IOException {
        out.writeByte(value.map(v -> v ? 2 : 1).orElse(0));
    }

    private static Optional<Boolean> readOptionalFlag(DataInput in) throws IOException {
        int flag = in.readUnsignedByte();
        return flag == 0 ? Optional.empty() : Optional.of(flag == 2);
    }

    /** A collection size; a negative or huge one means corrupt bytes, not an allocation to attempt. */
    private static int count(DataInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new IOException("impossible collection size " + count);
        }
        return count;
    }
}
