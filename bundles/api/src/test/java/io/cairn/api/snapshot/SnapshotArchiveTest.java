package io.cairn.api.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class SnapshotArchiveTest {

    private static final byte[] STATE = "the tables".getBytes(StandardCharsets.UTF_8);
    private static final SnapshotMeta META = SnapshotMeta.of(2, 13, STATE.length, 1_700_000_000_000L);

    @Test
    void readsBackWhatItWrote() throws IOException {
        SnapshotArchive.Snapshot read = SnapshotArchive.read(new ByteArrayInputStream(SnapshotArchive.toBytes(META, STATE)));
        assertThat(read.meta()).isEqualTo(new SnapshotMeta("2-13-1700000000000", STATE.length, 13, 2, 1));
        assertThat(read.state()).isEqualTo(STATE);
    }

    @Test
    void metaIsConsulsJson() {
        assertThat(new String(SnapshotArchive.metaJson(META), StandardCharsets.UTF_8))
                .isEqualTo("{\"ID\":\"2-13-1700000000000\",\"Size\":10,\"Index\":13,\"Term\":2,\"Version\":1}");
    }

    @Test
    void refusesAStateThatDoesNotMatchItsSum() throws IOException {
        byte[] archive = rewrite(SnapshotArchive.toBytes(META, STATE), SnapshotArchive.STATE,
                "the tablez".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SnapshotArchive.read(new ByteArrayInputStream(archive)))
                .isInstanceOf(SnapshotArchive.InvalidSnapshotException.class)
                .hasMessageContaining("SHA-256 of state.bin");
    }

    @Test
    void refusesWhatIsNotAnArchive() {
        assertThatThrownBy(() -> SnapshotArchive.read(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SnapshotArchive.InvalidSnapshotException.class)
                .hasMessageContaining("Not a snapshot archive");
    }

    @Test
    void refusesATruncatedArchive() throws IOException {
        byte[] archive = SnapshotArchive.toBytes(META, STATE);
        byte[] cut = java.util.Arrays.copyOf(archive, archive.length / 2);
        assertThatThrownBy(() -> SnapshotArchive.read(new ByteArrayInputStream(cut)))
                .isInstanceOf(SnapshotArchive.InvalidSnapshotException.class);
    }

    /** The same archive with one entry's content replaced, its sums left as they were. */
    private static byte[] rewrite(byte[] archive, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().equals(name) ? content : bytes);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
