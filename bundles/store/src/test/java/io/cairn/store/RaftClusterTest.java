package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.consensus.RaftStatus;
import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.kv.KvDelete;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvPut;
import io.cairn.api.kv.KvStore;
import io.cairn.store.Linearizability.Op;

/** A real 3-server Ratis group in one JVM on 127.0.0.1, plain Java. */
class RaftClusterTest {

    private static final Duration ELECTION = Duration.ofMillis(300);
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    private final List<RaftNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RaftNode node : nodes) {
            node.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private List<ServerCandidate> servers(int count) throws IOException {
        List<ServerCandidate> servers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            servers.add(new ServerCandidate("server-" + i, "127.0.0.1", freePort(), 8300));
        }
        return servers;
    }

    private RaftNode start(ServerCandidate self, List<ServerCandidate> group) throws IOException {
        return start(self, group, ELECTION);
    }

    private RaftNode start(ServerCandidate self, List<ServerCandidate> group, Duration electionTimeout) throws IOException {
        RaftNodeConfig config = new RaftNodeConfig("dc1", self, "127.0.0.1", group, dir.resolve(self.node()),
                electionTimeout, RaftNodeConfig.DEFAULT_SNAPSHOT_THRESHOLD);
        RaftNode node = new RaftNode(config, new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches()));
        node.start();
        return node;
    }

    private ReplicatedKvStore kv(RaftNode node) {
        return new ReplicatedKvStore(node.state(), node, new BlockingQuery(ForkJoinPool.commonPool()));
    }

    private RaftNode awaitLeader(List<RaftNode> candidates) {
        return awaitLeaderStatus(candidates).node();
    }

    /**
     * A node and the one status read in which it said it leads: asserting on a second read
     * would race a leader that has stepped down (or a new election) in between.
     */
    private LeaderSeen awaitLeaderStatus(List<RaftNode> candidates) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> candidates.stream()
                .map(n -> new LeaderSeen(n, n.status()))
                .filter(seen -> seen.status().leader())
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private record LeaderSeen(RaftNode node, RaftStatus status) {
    }

    private static QueryOptions read(Consistency consistency) {
        return new QueryOptions(Optional.empty(), Optional.empty(), consistency, 0, Duration.ofSeconds(5),
                Optional.empty(), Optional.empty(), java.util.Map.of());
    }

    @Test
    void aNewLeaderHasEveryAcknowledgedWrite() throws Exception {
        List<ServerCandidate> group = servers(3);
        for (ServerCandidate server : group) {
            nodes.add(start(server, group));
        }
        LeaderSeen seen = awaitLeaderStatus(nodes);
        RaftNode leader = seen.node();

        RaftStatus status = seen.status();
        assertThat(status.peerAddresses()).containsExactlyInAnyOrder("127.0.0.1:8300", "127.0.0.1:8300", "127.0.0.1:8300");
        assertThat(status.leaderAddress()).contains("127.0.0.1:8300");

        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "k/" + i;
            // through a follower's store too: its client finds the leader
            RaftNode via = nodes.get(i % nodes.size());
            assertThat(kv(via).put(KvPut.of(key, bytes(key))).toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
            acknowledged.add(key);
        }

        leader.close();
        List<RaftNode> survivors = nodes.stream().filter(n -> n != leader).toList();
        RaftNode newLeader = awaitLeader(survivors);
        assertThat(newLeader).isNotSameAs(leader);

        assertThat(kv(newLeader).put(KvPut.of("after", bytes("failover"))).toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
        acknowledged.add("after");

        for (RaftNode survivor : survivors) {
            // a linearizable read on either survivor, follower or leader, sees every acknowledged write
            List<String> keys = kv(survivor).list("", read(Consistency.CONSISTENT)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).value().stream().map(KvEntry::key).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    @Test
    void aLeaderCutOffFromItsQuorumStopsAnsweringDefaultReadsOnceItsLeaseRunsOut() throws Exception {
        List<ServerCandidate> group = servers(3);
        for (ServerCandidate server : group) {
            nodes.add(start(server, group));
        }
        RaftNode leader = awaitLeader(nodes);
        assertThat(kv(leader).put(KvPut.of("k", bytes("v"))).toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kv(leader).get("k", read(Consistency.DEFAULT)).toCompletableFuture().get(5, TimeUnit.SECONDS)
                .value()).as("answered under the lease").isPresent();

        for (RaftNode follower : nodes.stream().filter(n -> n != leader).toList()) {
            follower.close();
        }
        // the followers could elect one of their own once an election timeout (300 ms here)
        // passes: from then on the old leader must not answer from its own state (a read
        // under the lease answers at once; without it, it waits on a quorum that is gone)
        await().atMost(Duration.ofSeconds(3)).until(() -> {
            try {
                kv(leader).get("k", read(Consistency.DEFAULT)).toCompletableFuture().get(200, TimeUnit.MILLISECONDS);
                return false;
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException notAnswered) {
                return true;
            }
        });
    }

    /**
     * Concurrent clients write, read (default and consistent) and check-and-set a few keys
     * through every server while the leader is killed; the history each key went through must
     * be linearizable. An operation whose answer never came is recorded as maybe applied.
     */
    @Test
    void concurrentClientsSeeALinearizableKvAcrossALeaderCrash() throws Exception {
        List<ServerCandidate> group = servers(3);
        for (ServerCandidate server : group) {
            nodes.add(start(server, group));
        }
        RaftNode leader = awaitLeader(nodes);
        Map<RaftNode, KvStore> stores = new ConcurrentHashMap<>();
        nodes.forEach(node -> stores.put(node, kv(node)));

        KvHistory history = new KvHistory(stores);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> history.runClient(client));
        }
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> history.completedSince(0) >= 100);
            long killedAt = System.nanoTime();
            history.kill(leader);
            await().atMost(Duration.ofSeconds(90)).until(() -> history.completedSince(killedAt) >= 100);
        } finally {
            history.stop();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        List<Op> ops = history.ops();
        // the history exercised what it claims to: every kind of operation, both CAS outcomes
        assertThat(ops).anyMatch(op -> op.kind() == Linearizability.Kind.WRITE && op.known())
                .anyMatch(op -> op.kind() == Linearizability.Kind.READ && op.value() != null)
                .anyMatch(op -> op.kind() == Linearizability.Kind.CAS && op.known() && op.ok())
                .anyMatch(op -> op.kind() == Linearizability.Kind.CAS && op.known() && !op.ok());
        assertThat(Linearizability.violations(ops)).isEmpty();
    }

    /** A restore is one log entry with the whole state: larger than Ratis's default 4 MB entry limit here. */
    @Test
    void aRestoreLargerThanRatisDefaultEntryLimitGoesThroughTheLog() throws Exception {
        ServerCandidate self = servers(1).get(0);
        RaftNode node = start(self, List.of(self));
        nodes.add(node);
        awaitLeader(List.of(node));
        byte[] value = new byte[KvStore.MAX_VALUE_SIZE];
        for (int i = 0; i < 12; i++) {
            kv(node).put(KvPut.of("big/" + i, value)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        SnapshotEndpoint snapshots = new SnapshotEndpoint(node.state(), node, () -> node.status().term(), Clock.systemUTC());
        byte[] archive = (byte[]) snapshots.handle(FakeRequest.to("GET", "")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).body();
        kv(node).delete(new KvDelete("big/", true, OptionalLong.empty())).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(snapshots.handle(FakeRequest.to("PUT", "").body(archive)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(kv(node).list("big/", read(Consistency.DEFAULT)).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .value()).hasSize(12);
    }

    /**
     * A server replacing a dead one finds the running group (it must not bootstrap its own: the
     * group's leader would order it to shut down at its first campaign), starts outside it and
     * holds the data once the leader has added it and dropped the dead peer (autopilot's change).
     */
    @Test
    void aReplacementServerJoinsTheRunningGroupOnceItsLeaderAddsIt() throws Exception {
        List<ServerCandidate> servers = servers(4);
        List<ServerCandidate> group = servers.subList(0, 3);
        for (ServerCandidate server : group) {
            nodes.add(start(server, group));
        }
        RaftNode leader = awaitLeader(nodes);
        assertThat(kv(leader).put(KvPut.of("before", bytes("v"))).toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
        int deadIndex = nodes.indexOf(nodes.stream().filter(n -> n != leader).findFirst().orElseThrow());
        nodes.get(deadIndex).close();
        List<ServerCandidate> alive = group.stream().filter(s -> s != group.get(deadIndex)).toList();

        assertThat(RunningGroup.peers("dc1", alive, Optional.empty())).contains(
                group.stream().map(ServerCandidate::node).collect(java.util.stream.Collectors.toSet()));
        assertThat(RunningGroup.peers("dc1", List.of(servers.get(3)), Optional.empty())).as("nobody there").isEmpty();

        RaftNode replacement = start(servers.get(3), alive);
        nodes.add(replacement);
        // longer than its first election timeout: a server holding a group of its own campaigns by then
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> replacement.peerIds().isEmpty() && !replacement.leading());

        leader.reconfigure(List.of(servers.get(3)), List.of(group.get(deadIndex).node()));

        assertThat(leader.peerIds()).containsExactlyInAnyOrder(alive.get(0).node(), alive.get(1).node(), "server-4");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(kv(replacement)
                .get("before", read(Consistency.STALE)).toCompletableFuture().get(5, TimeUnit.SECONDS).value())
                .map(KvEntry::value).contains(bytes("v")));
        assertThat(kv(replacement).put(KvPut.of("after", bytes("w"))).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .as("a write through the replacement reaches the leader").isTrue();
    }

    /**
     * Ratis fails a client's ordered sends for good once one of them runs out of retries (here: a
     * follower left without a leader for longer than its retries last); the follower must still
     * forward writes once a leader is back.
     */
    @Test
    void aFollowerForwardsWritesAgainAfterOneRanOutOfRetriesWithoutALeader() throws Exception {
        List<ServerCandidate> group = servers(3);
        List<RaftNode> others = new ArrayList<>(List.of(start(group.get(1), group), start(group.get(2), group)));
        nodes.addAll(others);
        awaitLeader(others);
        // slow to campaign: it stays a follower, and its writes go through its client
        RaftNode follower = start(group.get(0), group, Duration.ofSeconds(5));
        nodes.add(follower);
        assertThat(kv(follower).put(KvPut.of("first", bytes("v"))).toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();

        for (RaftNode other : others) {
            other.close();
            nodes.remove(other);
        }
        assertThatThrownBy(() -> kv(follower).put(KvPut.of("lost", bytes("v"))).toCompletableFuture().get(30, TimeUnit.SECONDS))
                .as("no leader for longer than the retries last").isInstanceOf(java.util.concurrent.ExecutionException.class);

        nodes.add(start(group.get(1), group));
        nodes.add(start(group.get(2), group));
        awaitLeader(nodes);
        assertThat(follower.leading()).as("the write below must be forwarded").isFalse();
        assertThat(kv(follower).put(KvPut.of("after", bytes("v"))).toCompletableFuture().get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSingleServerRecoversItsStateAfterARestart() throws Exception {
        ServerCandidate self = servers(1).get(0);
        RaftNode first = start(self, List.of(self));
        awaitLeader(List.of(first));
        kv(first).put(KvPut.of("kept", bytes("v"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.close();

        RaftNode again = start(self, List.of(self));
        nodes.add(again);
        awaitLeader(List.of(again));
        Optional<KvEntry> kept = kv(again).get("kept", read(Consistency.DEFAULT)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).value();
        assertThat(kept).map(KvEntry::value).contains(bytes("v"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
