package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.ServerRpcPaths;
import io.cairn.api.tls.CaMaterial;
import io.cairn.api.tls.CertificateAuthority;
import io.cairn.api.tls.ClientCertificateRequest;
import io.cairn.api.tls.SignedCertificate;
import io.cairn.api.tls.TlsException;

/** The auto_encrypt CA in the replicated state: made once by a leader, kept in snapshots, signing on any server. */
class AutoEncryptCaTest {

    @TempDir
    Path dir;

    private static StoreState emptyState() {
        return new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
    }

    @Test
    void theLeaderThatFindsNoCaMakesOneOnceAndEveryServerLearnsIt() {
        StoreState state = emptyState();
        AtomicInteger made = new AtomicInteger();
        List<CaMaterial> known = new ArrayList<>();
        AtomicBoolean leading = new AtomicBoolean(false);
        AutoEncryptCaLeader ca = new AutoEncryptCaLeader(leading::get, state, new LocalReplication(state),
                () -> new CaMaterial("cert-" + made.incrementAndGet(), "key"), known::add);

        ca.tick();
        assertThat(made).as("a follower never makes the CA").hasValue(0);
        assertThat(state.autoEncryptCa()).isEmpty();

        leading.set(true);
        ca.tick();
        ca.tick();
        ca.tick();

        assertThat(made).hasValue(1);
        assertThat(state.autoEncryptCa()).contains(new CaMaterial("cert-1", "key"));
        assertThat(known).containsExactly(new CaMaterial("cert-1", "key"));
    }

    @Test
    void theFirstCaAppliedStays() {
        StoreState state = emptyState();
        assertThat(state.apply(1, new Command.CaInitialize("first", "k1"))).isTrue();
        assertThat(state.apply(2, new Command.CaInitialize("second", "k2"))).isFalse();
        assertThat(state.autoEncryptCa()).contains(new CaMaterial("first", "k1"));
    }

    @Test
    void theCommandTravelsThroughTheLogUnchanged() {
        Command command = new Command.CaInitialize("-----BEGIN CERTIFICATE-----\nAA\n", "-----BEGIN EC PRIVATE KEY-----\n");
        assertThat(CommandCodec.decode(CommandCodec.encode(command))).contains(command);
        assertThat(CommandType.CA_INITIALIZE.id()).isEqualTo(30);
        assertThat(command.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void aRaftSnapshotKeepsTheCaAndAnOlderSnapshotStillLoads() throws Exception {
        StoreState original = emptyState();
        original.apply(1, new Command.KvSet("a", new byte[] {1}, 0));
        original.apply(2, new Command.CaInitialize("cert", "key"));

        Path file = dir.resolve("snapshot.1_2");
        SnapshotFile.write(file, new SnapshotFile.Position(1, 2), original::writeReplicatedSnapshot);
        StoreState restored = emptyState();
        SnapshotFile.read(file, (SnapshotFile.FormatLoader) (at, format, in) -> {
            assertThat(format).isEqualTo(SnapshotFile.currentFormat());
            restored.restoreReplicated(in, at.index());
        });
        assertThat(restored.autoEncryptCa()).contains(new CaMaterial("cert", "key"));
        assertThat(restored.kvGet("a").value()).isPresent();

        // a user's snapshot (the tables alone) never carries the CA, and restoring one keeps it
        ByteArrayOutputStream tables = new ByteArrayOutputStream();
        original.writeSnapshot(tables);
        assertThat(new String(tables.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("cert");
        restored.apply(3, new Command.SnapshotRestore(tables.toByteArray()));
        assertThat(restored.autoEncryptCa()).contains(new CaMaterial("cert", "key"));

        StoreState fromTablesOnly = emptyState();
        fromTablesOnly.restore(new ByteArrayInputStream(tables.toByteArray()), 2);
        assertThat(fromTablesOnly.autoEncryptCa()).isEmpty();
    }

    /** Records what it was asked to sign. */
    private static final class FakeAuthority implements CertificateAuthority {
        final List<ClientCertificateRequest> asked = new ArrayList<>();

        @Override
        public CaMaterial create(String datacenter, String domain) {
            throw new AssertionError("signing never makes a CA");
        }

        @Override
        public SignedCertificate signClient(CaMaterial ca, ClientCertificateRequest request, Duration validity)
                throws TlsException {
            asked.add(request);
            if (request.csrPem().equals("bad")) {
                throw new TlsException("auto_encrypt: unreadable certificate request");
            }
            return new SignedCertificate("signed-by-" + ca.certificatePem(), Instant.parse("2025-01-01T00:00:00Z"),
                    Instant.parse("2025-01-04T00:00:00Z"));
        }
    }

    private static FakeRequest signRequest(String dc, String csr) {
        return FakeRequest.to("PUT", "").bodyAs(new AutoEncryptSigning.SignRequest(dc, "web-1", csr,
                List.of("extra.example"), List.of("10.0.0.7")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anyServerSignsWithTheCaOfItsState() throws Exception {
        FakeAuthority authority = new FakeAuthority();
        Optional<CaMaterial>[] ca = new Optional[] {Optional.empty()};
        AutoEncryptSigning signing = new AutoEncryptSigning(() -> ca[0], authority, "dc1", "consul.",
                Duration.ofHours(72));
        assertThat(signing.routes()).singleElement().satisfies(route -> {
            assertThat(route.path()).isEqualTo(ServerRpcPaths.AUTO_ENCRYPT_SIGN);
            assertThat(route.methods()).contains("PUT", "POST");
        });

        assertThatThrownBy(() -> signing.sign(signRequest("dc1", "csr"))).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(500));

        ca[0] = Optional.of(new CaMaterial("root", "key"));
        HttpResponse answer = signing.sign(signRequest("dc1", "csr")).toCompletableFuture().get();

        assertThat((Map<String, Object>) answer.body()).containsEntry("CertPEM", "signed-by-root")
                .containsEntry("RootCAs", List.of("root")).containsEntry("ValidBefore", "2025-01-04T00:00:00Z");
        assertThat(authority.asked).singleElement().isEqualTo(new ClientCertificateRequest("csr", "dc1", "consul",
                "web-1", List.of("extra.example"), List.of("10.0.0.7")));

        assertThatThrownBy(() -> signing.sign(signRequest("dc2", "csr"))).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> signing.sign(signRequest("dc1", "bad"))).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> signing.sign(signRequest("dc1", " "))).isInstanceOfSatisfying(HttpException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }
}
