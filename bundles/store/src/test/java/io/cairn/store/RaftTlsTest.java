package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.kv.KvPut;
import io.cairn.api.tls.MutualTls;
import io.cairn.tls.AgentCa;
import io.cairn.tls.CaOptions;
import io.cairn.tls.CertificateFiles;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import io.cairn.tls.Credentials;
import io.cairn.tls.Pem;
import io.cairn.tls.ReloadableMutualTls;

/** A 3-server Ratis group in one JVM with mutual TLS on every channel, and peers that must stay out. */
class RaftTlsTest {

    private static final Duration ELECTION = Duration.ofMillis(300);
    private static final String SERVER_NAME = "server.dc1.consul";

    @TempDir
    Path dir;

    private final AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
    private final List<RaftNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RaftNode node : nodes) {
            node.close();
        }
    }

    private Optional<MutualTls> tls(AgentCa authority, CertificateKind kind) throws Exception {
        Path caFile = dir.resolve("ca-" + authority.certificate().getSerialNumber() + ".pem");
        if (!Files.exists(caFile)) {
            Pem.writeCertificate(caFile, authority.credentials().certificatePem());
        }
        Credentials credentials = authority.issue(CertificateSpec.of(kind, "dc1", "consul", Optional.empty(),
                List.of(), List.of(), 1));
        CertificateFiles own = CertificateFiles.nextFree(dir, kind.filePrefix("dc1", "consul"));
        Pem.writeCertificate(own.certificate(), credentials.certificatePem());
        Pem.writePrivateKey(own.key(), credentials.keyPem());
        return Optional.of(ReloadableMutualTls.of(new TlsSettings(caFile.toString(), null, own.certificate().toString(),
                own.key().toString(), true, true, true, "TLSv1_2", null), SERVER_NAME));
    }

    private static List<ServerCandidate> servers(int count) throws IOException {
        List<ServerCandidate> servers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                servers.add(new ServerCandidate("server-" + i, "127.0.0.1", socket.getLocalPort(), 8300));
            }
        }
        return servers;
    }

    private RaftNode start(ServerCandidate self, List<ServerCandidate> group, Optional<MutualTls> tls) throws IOException {
        RaftNodeConfig config = new RaftNodeConfig("dc1", self, "127.0.0.1", group, dir.resolve(self.node()),
                ELECTION, RaftNodeConfig.DEFAULT_SNAPSHOT_THRESHOLD);
        RaftNode node = new RaftNode(config, new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches()), tls);
        nodes.add(node);
        node.start();
        return node;
    }

    private static ReplicatedKvStore kv(RaftNode node) {
        return new ReplicatedKvStore(node.state(), node, new BlockingQuery(ForkJoinPool.commonPool()));
    }

    /** What this server has applied itself, without asking anyone. */
    private static boolean applied(RaftNode node, String key) throws Exception {
        QueryOptions stale = new QueryOptions(Optional.empty(), Optional.empty(), Consistency.STALE, 0,
                Duration.ofSeconds(5), Optional.empty(), Optional.empty(), Map.of());
        return kv(node).get(key, stale).toCompletableFuture().get(5, TimeUnit.SECONDS).value().isPresent();
    }

    private RaftNode awaitLeader(List<RaftNode> candidates) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> candidates.stream().filter(RaftNode::leading).findFirst(), Optional::isPresent).get();
    }

    private static void put(RaftNode via, String key) throws Exception {
        assertThat(kv(via).put(KvPut.of(key, key.getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().get(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void serversOfTheCaReplicateOverMutualTls() throws Exception {
        List<ServerCandidate> group = servers(3);
        for (ServerCandidate server : group) {
            start(server, group, tls(ca, CertificateKind.SERVER));
        }

        put(awaitLeader(nodes), "over/tls");

        for (RaftNode node : nodes) {
            await().atMost(Duration.ofSeconds(10)).until(() -> applied(node, "over/tls"));
        }
    }

    @Test
    void aServerWithAClientCertificateNeverGetsTheLog() throws Exception {
        assertOutsider(tls(ca, CertificateKind.CLIENT));
    }

    @Test
    void aServerWithoutTlsNeverGetsTheLog() throws Exception {
        assertOutsider(Optional.empty());
    }

    @Test
    void aServerOfAnotherCaNeverGetsTheLog() throws Exception {
        assertOutsider(tls(AgentCa.create(CaOptions.defaults(), Clock.systemUTC()), CertificateKind.SERVER));
    }

    /** Two good servers of three carry the group; the third, with this TLS, is never reached nor reaches them. */
    private void assertOutsider(Optional<MutualTls> outsiderTls) throws Exception {
        List<ServerCandidate> group = servers(3);
        List<RaftNode> good = List.of(start(group.get(0), group, tls(ca, CertificateKind.SERVER)),
                start(group.get(1), group, tls(ca, CertificateKind.SERVER)));
        RaftNode outsider = start(group.get(2), group, outsiderTls);

        put(awaitLeader(good), "secret");
        await().atMost(Duration.ofSeconds(10)).until(() -> applied(good.get(0), "secret") && applied(good.get(1), "secret"));

        // the leader keeps retrying its third peer meanwhile: a few heartbeat rounds of refusals
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> !applied(outsider, "secret") && !outsider.leading());
    }
}
