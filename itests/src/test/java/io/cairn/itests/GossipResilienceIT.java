package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Three servers on 127.0.0.170-172 (gossip encrypted) and a client on 127.0.0.173: the gossip
 * key is rotated with {@code cairn keyring} while the pool stays whole and the rotated keyring
 * survives a restart; a paused server is failed and, resumed, the views merge into one; tags
 * follow {@code cairn reload}; a client that left does not rejoin on restart unless
 * {@code -rejoin}, one that crashed does. The tests run in order on the same cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GossipResilienceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K1 = key(1);
    private static final String K2 = key(2);
    private static final String[] SERVERS = {"127.0.0.170", "127.0.0.171", "127.0.0.172"};
    private static final String CLIENT = "127.0.0.173";
    private static final Duration CONVERGE = Duration.ofSeconds(180);

    private final List<AgentProcess> all = new ArrayList<>();
    private final AgentProcess[] servers = new AgentProcess[3];
    private final Path[] dataDirs = new Path[3];
    private Path configDir;

    private static String key(int seed) {
        byte[] k = new byte[32];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (seed * 31 + i);
        }
        return Base64.getEncoder().encodeToString(k);
    }

    @BeforeAll
    void startServers() throws Exception {
        configDir = Files.createTempDirectory("cairn-it-gossip-config");
        Files.writeString(configDir.resolve("meta.json"), "{\"node_meta\": {\"rack\": \"r1\"}}");
        for (int i = 0; i < 3; i++) {
            dataDirs[i] = AgentProcess.tempDataDir("gossip-server" + (i + 1));
            servers[i] = startServer(i);
        }
        for (AgentProcess server : servers) {
            server.awaitRunning();
        }
    }

    private AgentProcess startServer(int i) throws IOException {
        String ip = SERVERS[i];
        List<String> args = new ArrayList<>(List.of("-server", "-bootstrap-expect=3", "-node=server" + (i + 1),
                "-bind=" + ip, "-client=" + ip, "-data-dir=" + dataDirs[i], "-encrypt=" + K1, "-retry-interval=2s"));
        for (String server : SERVERS) {
            args.add("-retry-join=" + server);
        }
        if (i == 1) {
            args.add("-config-dir=" + configDir);
        }
        AgentProcess agent = AgentProcess.start(ip + ":8500", args.toArray(String[]::new));
        all.add(agent);
        return agent;
    }

    private AgentProcess startClient(Path dataDir, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("-node=client1", "-bind=" + CLIENT, "-client=" + CLIENT,
                "-data-dir=" + dataDir, "-encrypt=" + K2, "-retry-interval=2s"));
        args.addAll(List.of(flags));
        AgentProcess agent = AgentProcess.start(CLIENT + ":8500", args.toArray(String[]::new));
        all.add(agent);
        return agent;
    }

    @AfterAll
    void stopAll() throws InterruptedException {
        for (AgentProcess agent : all) {
            agent.close();
        }
    }

    private static JsonNode member(AgentProcess agent, String name) throws Exception {
        for (JsonNode m : JSON.readTree(agent.get("/v1/agent/members").body())) {
            if (m.get("Name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name + " not listed");
    }

    private void awaitAllServersAlive() {
        Map<String, Integer> alive = Map.of("server1", 1, "server2", 1, "server3", 1);
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            for (AgentProcess server : servers) {
                assertThat(server.memberStatuses()).containsAllEntriesOf(alive);
                // the WAN pool too: the servers join each other's by themselves (flood join)
                JsonNode wan = JSON.readTree(server.get("/v1/agent/members?wan=1").body());
                assertThat(wan).hasSize(3).allSatisfy(m -> assertThat(m.get("Status").asInt()).isEqualTo(1));
            }
        });
    }

    private static AgentProcess.CommandResult keyring(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("keyring", "-http-addr=" + SERVERS[0] + ":8500"));
        command.addAll(List.of(args));
        return AgentProcess.cli(command.toArray(String[]::new));
    }

    private static void signal(AgentProcess agent, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(agent.process().pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    @Order(1)
    void theKeyIsRotatedWithCairnKeyringWithoutAnyServerSeenFailed() throws Exception {
        awaitAllServersAlive();
        int[] marks = new int[3];
        for (int i = 0; i < 3; i++) {
            marks[i] = servers[i].output().length();
        }

        AgentProcess.CommandResult install = keyring("-install=" + K2);
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(install.output()).contains("==> Installing new gossip encryption key...");

        AgentProcess.CommandResult list = keyring("-list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).startsWith("==> Gathering installed encryption keys...\n\nWAN:\n")
                .contains("\ndc1 (LAN):\n").contains("  " + K1 + " [3/3]").contains("  " + K2 + " [3/3]");

        AgentProcess.CommandResult use = keyring("-use=" + K2);
        assertThat(use.exitCode()).as(use.output()).isZero();
        assertThat(use.output()).contains("==> Changing primary gossip encryption key...");

        AgentProcess.CommandResult removePrimary = keyring("-remove=" + K2);
        assertThat(removePrimary.exitCode()).isEqualTo(1);
        assertThat(removePrimary.output()).contains("error: Unexpected response code: 500")
                .contains("dc1 (LAN) error: 3/3 nodes reported failure")
                .contains("server2: Removing the primary key is not allowed");

        AgentProcess.CommandResult remove = keyring("-remove=" + K1);
        assertThat(remove.exitCode()).as(remove.output()).isZero();
        assertThat(remove.output()).contains("==> Removing gossip encryption key...");

        JsonNode pools = JSON.readTree(servers[2].get("/v1/operator/keyring").body());
        assertThat(pools).hasSize(2);
        for (JsonNode pool : pools) {
            assertThat(pool.get("Keys").size()).isEqualTo(1);
            assertThat(pool.get("Keys").get(K2).asInt()).isEqualTo(3);
            assertThat(pool.get("PrimaryKeys").get(K2).asInt()).isEqualTo(3);
            assertThat(pool.get("NumNodes").asInt()).isEqualTo(3);
            assertThat(pool.get("Datacenter").asText()).isEqualTo("dc1");
        }
        assertThat(pools.get(0).get("WAN").asBoolean()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(servers[i].output().substring(marks[i])).doesNotContain("EventMemberFailed")
                    .doesNotContain("rejected a message");
            assertThat(servers[i].memberStatuses()).doesNotContainValue(4);
        }
        assertThat(Files.readString(dataDirs[2].resolve("serf/local.keyring"))).contains(K2).doesNotContain(K1);
    }

    @Test
    @Order(2)
    void aRestartedServerKeepsTheRotatedKeyringThoughStartedWithTheOldKey() throws Exception {
        servers[2].stop();
        servers[2] = startServer(2).awaitRunning();

        assertThat(servers[2].output()).contains("keyring file").contains("Gossip: true");
        awaitAllServersAlive();
        JsonNode lan = JSON.readTree(servers[0].get("/v1/operator/keyring").body()).get(1);
        assertThat(lan.get("Keys").get(K2).asInt()).isEqualTo(3);
        assertThat(lan.get("Keys").has(K1)).isFalse();
    }

    @Test
    @Order(3)
    void aPausedServerIsFailedAndOnceResumedEveryServerSeesAllThreeAlive() throws Exception {
        awaitAllServersAlive();

        signal(servers[2], "STOP");
        long paused = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                assertThat(servers[0].memberStatuses()).containsEntry("server3", 4);
                assertThat(servers[1].memberStatuses()).containsEntry("server3", 4);
            });
            System.out.println("GossipResilienceIT: SIGSTOP of server3 seen failed by both other servers after "
                    + Duration.ofNanos(System.nanoTime() - paused).toMillis() + " ms");
        } finally {
            signal(servers[2], "CONT");
        }
        long resumed = System.nanoTime();

        awaitAllServersAlive();
        System.out.println("GossipResilienceIT: paused server3 resumed, one view of three alive on every server "
                + "(LAN and WAN) after " + Duration.ofNanos(System.nanoTime() - resumed).toMillis() + " ms");
    }

    @Test
    @Order(4)
    void tagsChangedByAReloadAreSeenByEveryMember() throws Exception {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(member(servers[0], "server2").get("Tags").get("meta.rack").asText()).isEqualTo("r1"));

        Files.writeString(configDir.resolve("meta.json"), "{\"node_meta\": {\"rack\": \"r2\"}}");
        AgentProcess.CommandResult reload = AgentProcess.cli("reload", "-http-addr=" + SERVERS[1] + ":8500");
        assertThat(reload.exitCode()).as(reload.output()).isZero();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            for (AgentProcess server : servers) {
                assertThat(member(server, "server2").get("Tags").get("meta.rack").asText()).isEqualTo("r2");
                assertThat(member(server, "server2").get("Status").asInt()).isEqualTo(1);
            }
        });
        AgentProcess.CommandResult detailed = AgentProcess.cli("members", "-detailed", "-http-addr=" + SERVERS[2] + ":8500");
        assertThat(detailed.output().lines().filter(l -> l.startsWith("server2 ")).findFirst().orElseThrow())
                .contains("meta.rack=r2");
    }

    @Test
    @Order(5)
    void aClientThatLeftDoesNotRejoinOnRestartUnlessRejoinAfterLeaveAndOneThatCrashedDoes() throws Exception {
        Path dataDir = AgentProcess.tempDataDir("gossip-client1");
        AgentProcess client = startClient(dataDir, "-retry-join=" + SERVERS[0]).awaitRunning();
        AgentProcess first = client;
        // the client's own view holds the servers, so its snapshot does: the servers may list
        // it a moment before it has their view (it enters its pool after it answers HTTP)
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            assertThat(servers[0].memberStatuses()).containsEntry("client1", 1);
            assertThat(first.memberStatuses()).containsEntry("server1", 1).containsEntry("server2", 1).containsEntry("server3", 1);
        });

        // crashed: restarted with no join address, it finds the pool again through its snapshot
        client.process().destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() ->
                assertThat(servers[0].memberStatuses()).containsEntry("client1", 4));
        client = startClient(dataDir).awaitRunning();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                assertThat(servers[0].memberStatuses()).containsEntry("client1", 1));
        assertThat(client.output()).contains("Rejoining the lan pool's previous members");

        // left gracefully: not rejoined
        AgentProcess.CommandResult leave = AgentProcess.cli("leave", "-http-addr=" + CLIENT + ":8500");
        assertThat(leave.output()).contains("Graceful leave complete");
        AgentProcess leaving = client;
        await().atMost(Duration.ofSeconds(30)).until(() -> !leaving.process().isAlive());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(servers[1].memberStatuses()).containsEntry("client1", 3));

        client = startClient(dataDir).awaitRunning();
        assertThat(client.output()).contains("this agent left gracefully (rejoin_after_leave is off)");
        // and stays alone: the servers' partition checks do not find it again on its old address
        // (held longer than a few of their rounds: probes every 2-5 s, a merge check every 8 s)
        AgentProcess alone = client;
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(22)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(alone.memberStatuses()).as(alone.output()).containsOnlyKeys("client1"));
        assertThat(servers[1].memberStatuses()).containsEntry("client1", 3);
        client.stop();

        // -rejoin: the previous members are rejoined although it left
        client = startClient(dataDir, "-rejoin").awaitRunning();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                assertThat(servers[1].memberStatuses()).containsEntry("client1", 1));
        AgentProcess rejoined = client;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(rejoined.memberStatuses()).containsEntry("server1", 1).containsEntry("server2", 1).containsEntry("server3", 1));
    }
}
