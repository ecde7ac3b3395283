package io.cairn.api.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The snapshot archive: a ZIP file (deflated, each entry CRC-32 checked by ZIP itself) of
 * three entries, in this order, as Consul's gzipped tar has them:
 * <ul>
 * <li>{@code meta.json}: {@code {"ID","Size","Index","Term","Version"}} ({@link SnapshotMeta});</li>
 * <li>{@code state.bin}: the replicated state, in the storage backend's snapshot encoding;</li>
 * <li>{@code SHA256SUMS}: the SHA-256 of the two, in {@code sha256sum}'s format
 * ({@code <hex>  <name>} lines).</li>
 * </ul>
 * An archive is valid when it has exactly these entries, both sums match and the state's
 * length is the meta's {@code Size}. Pure Java, shared by the servers and the command line.
 */
public final class SnapshotArchive {

    /** The archive format this class writes and reads. */
    public static final int VERSION = 1;

    static final String META = "meta.json";
    static final String STATE = "state.bin";
    static final String SUMS = "SHA256SUMS";

    private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(?:\"([^\"\\\\]*)\"|(-?\\d+))");

    /** A verified archive's contents. */
    public record Snapshot(SnapshotMeta meta, byte[] state) {
    }

    /** Not an archive, or one whose contents do not match its sums or meta. */
    public static final class InvalidSnapshotException extends IOException {
        private static final long serialVersionUID = 1L;

        public InvalidSnapshotException(String message) {
            super(message);
        }
    }

    private SnapshotArchive() {
    }

    public static void write(OutputStream out, SnapshotMeta meta, byte[] state) throws IOException {
        if (meta.size() != state.length) {
            throw new IllegalArgumentException("meta says " + meta.size() + " bytes, state has " + state.length);
        }
        byte[] metaJson = metaJson(meta);
        String sums = sha256(metaJson) + "  " + META + "\n" + sha256(state) + "  " + STATE + "\n";
        ZipOutputStream zip = new ZipOutputStream(out);
        put(zip, META, metaJson);
        put(zip, STATE, state);
        put(zip, SUMS, sums.getBytes(StandardCharsets.US_ASCII));
        zip.finish();
        zip.flush();
    }

    /**
     * Reads and verifies a whole archive.
     *
     * @throws InvalidSnapshotException when it is not a valid archive; nothing of it should be used
     */
    public static Snapshot read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entries.put(entry.getName(), zip.readAllBytes()) != null) {
                    throw new InvalidSnapshotException("Snapshot archive has " + entry.getName() + " twice");
                }
            }
        } catch (ZipException | EOFException e) {
            throw new InvalidSnapshotException("Not a snapshot archive: " + e.getMessage());
        }
        if (!entries.keySet().equals(Set.of(META, STATE, SUMS))) {
            throw new InvalidSnapshotException("Not a snapshot archive: expected " + META + ", " + STATE + " and "
                    + SUMS + ", found " + entries.keySet());
        }
        String sums = new String(entries.get(SUMS), StandardCharsets.US_ASCII);
        for (String name : new String[] {META, STATE}) {
            String expected = sha256(entries.get(name)) + "  " + name;
            if (!sums.lines().anyMatch(expected::equals)) {
                throw new InvalidSnapshotException("Snapshot archive is damaged: SHA-256 of " + name + " does not match");
            }
        }
        SnapshotMeta meta = parseMeta(entries.get(META));
        byte[] state = entries.get(STATE);
        if (meta.version() != VERSION) {
            throw new InvalidSnapshotException("Unsupported snapshot version " + meta.version());
        }
        if (meta.size() != state.length) {
            throw new InvalidSnapshotException("Snapshot archive is damaged: meta says " + meta.size()
                    + " bytes of state, found " + state.length);
        }
        return new Snapshot(meta, state);
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    static byte[] metaJson(SnapshotMeta meta) {
        if (!meta.id().matches("[\\w.-]+")) {
            throw new IllegalArgumentException("snapshot id must be letters, digits, '.', '-' or '_': " + meta.id());
        }
        return ("{\"ID\":\"" + meta.id() + "\",\"Size\":" + meta.size() + ",\"Index\":" + meta.index()
                + ",\"Term\":" + meta.term() + ",\"Version\":" + meta.version() + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** meta.json is a flat object of strings and integers; members this version does not know are ignored. */
    static SnapshotMeta parseMeta(byte[] json) throws InvalidSnapshotException {
        Map<String, String> members = new LinkedHashMap<>();
        Matcher m = MEMBER.matcher(new String(json, StandardCharsets.UTF_8));
        while (m.find()) {
            members.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        try {
            return new SnapshotMeta(required(members, "ID"), Long.parseLong(required(members, "Size")),
                    Long.parseLong(required(members, "Index")), Long.parseLong(required(members, "Term")),
                    Integer.parseInt(required(members, "Version")));
        } catch (NumberFormatException e) {
            throw new InvalidSnapshotException("Snapshot meta.json has a bad number: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> members, String name) throws InvalidSnapshotException {
        String value = members.get(name);
        if (value == null) {
            throw new InvalidSnapshotException("Snapshot meta.json lacks " + name);
        }
        return value;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The archive of {@code meta} and {@code state} as bytes. */
    public static byte[] toBytes(SnapshotMeta meta, byte[] state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, meta, state);
        return out.toByteArray();
    }
}
