package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.kv.KvEntry;

class SnapshotTest {

    @TempDir
    Path dir;

    /** A log with every kind of command, in an order that exercises tombstones and cas misses. */
    static List<Command> log() {
        List<Command> log = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            log.add(new Command.KvSet("k/" + (i * 7919 % 50), ("v" + i).getBytes(StandardCharsets.UTF_8), i));
        }
        log.add(new Command.KvCas("k/1", new byte[] {1}, 0, 3));
        log.add(new Command.KvDelete("k/2"));
        log.add(new Command.KvDeleteCas("k/3", 1));
        log.add(new Command.KvDeleteTree("k/4"));
        log.add(new Command.KvCas("new", new byte[] {2}, 9, 0));
        return log;
    }

    static StoreState replay(List<Command> log) {
        StoreState state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        long index = 0;
        for (Command command : log) {
            state.apply(++index, command);
        }
        return state;
    }

    static byte[] snapshotBytes(StoreState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.writeSnapshot(out);
        return out.toByteArray();
    }

    @Test
    void replayingTheSameLogYieldsByteIdenticalSnapshots() throws IOException {
        byte[] first = snapshotBytes(replay(log()));
        byte[] second = snapshotBytes(replay(log()));
        assertThat(first).isEqualTo(second);

        Path a = dir.resolve("snapshot.1_55");
        Path b = dir.resolve("other.1_55");
        SnapshotFile.write(a, new SnapshotFile.Position(1, 55), replay(log())::writeSnapshot);
        SnapshotFile.write(b, new SnapshotFile.Position(1, 55), replay(log())::writeSnapshot);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void aSnapshotRestoresTheSameState() throws IOException {
        StoreState original = replay(log());
        Path file = dir.resolve("snapshot.2_55");
        SnapshotFile.write(file, new SnapshotFile.Position(2, 55), original::writeSnapshot);

        StoreState restored = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        var parked = restored.watches().watchKey("k/1");
        SnapshotFile.Position position = SnapshotFile.read(file, (at, in) -> restored.restore(in, at.index()));

        assertThat(position).isEqualTo(new SnapshotFile.Position(2, 55));
        assertThat(restored.lastApplied()).isEqualTo(55);
        assertThat(restored.kvList("").value()).isEqualTo(original.kvList("").value());
        assertThat(restored.kvGet("k/2").index()).as("tombstones survive").isEqualTo(original.kvGet("k/2").index());
        assertThat(snapshotBytes(restored)).isEqualTo(snapshotBytes(original));
        assertThat(parked).as("a restore wakes every blocked read").isCompleted();
    }

    @Test
    void aDamagedSnapshotIsDetectedAndNothingIsLoaded() throws IOException {
        Path file = dir.resolve("snapshot.1_55");
        SnapshotFile.write(file, new SnapshotFile.Position(1, 55), replay(log())::writeSnapshot);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        StoreState target = replay(List.of(new Command.KvSet("keep", new byte[0], 0)));
        assertThatThrownBy(() -> SnapshotFile.read(file, (at, in) -> target.restore(in, at.index())))
                .isInstanceOf(SnapshotFile.CorruptSnapshotException.class)
                .hasMessageContaining("checksum mismatch");
        assertThat(target.kvList("").value()).extracting(KvEntry::key).containsExactly("keep");
    }

    @Test
    void aTruncatedSnapshotIsDetected() throws IOException {
        Path file = dir.resolve("snapshot.1_55");
        SnapshotFile.write(file, new SnapshotFile.Position(1, 55), replay(log())::writeSnapshot);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> SnapshotFile.verify(file)).isInstanceOf(SnapshotFile.CorruptSnapshotException.class);
    }
}
