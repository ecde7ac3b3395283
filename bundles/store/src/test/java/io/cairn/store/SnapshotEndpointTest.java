package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.snapshot.SnapshotArchive;
import io.cairn.api.snapshot.SnapshotMeta;

class SnapshotEndpointTest {

    private final StoreState state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
    private final LocalReplication replication = new LocalReplication(state);
    private final SnapshotEndpoint endpoint = new SnapshotEndpoint(state, replication, () -> 7,
            Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));

    private HttpResponse call(FakeRequest request) throws Exception {
        return endpoint.handle(request).toCompletableFuture().get();
    }

    private void put(String key, String value) {
        replication.submit(new Command.KvSet(key, bytes(value), 0)).join();
    }

    @Test
    void savesTheWholeStateAtItsIndex() throws Exception {
        put("a", "1");
        put("b", "2");
        HttpResponse saved = call(FakeRequest.to("GET", ""));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.meta()).hasValueSatisfying(meta -> assertThat(meta.index()).isEqualTo(2));
        SnapshotArchive.Snapshot archive = SnapshotArchive.read(new ByteArrayInputStream((byte[]) saved.body()));
        assertThat(archive.meta()).isEqualTo(new SnapshotMeta("7-2-1700000000000", archive.state().length, 2, 7, 1));
    }

    @Test
    void restoresThroughTheLogAndNoIndexGoesBackwards() throws Exception {
        put("kept", "1");
        byte[] archive = (byte[]) call(FakeRequest.to("GET", "")).body();
        put("kept", "changed");
        put("gone", "2");
        replication.submit(new Command.KvDelete("kept")).join();
        long before = state.kvGet("kept").index();

        assertThat(call(FakeRequest.to("PUT", "").body(archive)).status()).isEqualTo(200);

        assertThat(state.kvGet("kept").value()).hasValueSatisfying(e -> assertThat(e.value()).isEqualTo(bytes("1")));
        assertThat(state.kvGet("gone").value()).isEmpty();
        // the restore is the 5th command: every read answers at least its index
        assertThat(state.kvGet("kept").index()).isEqualTo(5).isGreaterThan(before);
        assertThat(state.kvList("").index()).isEqualTo(5);
    }

    @Test
    void aDamagedArchiveIsRefusedAndNothingChanges() throws Exception {
        put("a", "1");
        byte[] archive = (byte[]) call(FakeRequest.to("GET", "")).body();
        // a byte inside state.bin's data (ZIP readers stream entries; the central directory is not read)
        archive[new String(archive, StandardCharsets.ISO_8859_1).indexOf("state.bin") + "state.bin".length() + 5] ^= 0x55;
        assertThatThrownBy(() -> call(FakeRequest.to("PUT", "").body(archive)))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(state.lastApplied()).isEqualTo(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
