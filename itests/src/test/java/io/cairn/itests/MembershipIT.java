package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Three servers with bootstrap_expect=3 and two clients on 127.0.0.41-45 (gossip encrypted)
 * form one pool and one Raft group; the catalog follows the pool: a killed client is failed
 * with a critical serfHealth (its sessions die), a leaving one is left and deregistered; an
 * agent with another key is refused. The tests run in order on the same cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembershipIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=";
    private static final String[] SERVERS = {"127.0.0.41", "127.0.0.42", "127.0.0.43"};
    private static final Duration CONVERGE = Duration.ofSeconds(180);

    private final List<AgentProcess> agents = new ArrayList<>();
    private final List<AgentProcess> servers = new ArrayList<>();
    private AgentProcess client1;
    private AgentProcess client2;

    @BeforeAll
    void startCluster() throws Exception {
        for (int i = 0; i < SERVERS.length; i++) {
            servers.add(start("server" + (i + 1), SERVERS[i], "-server", "-bootstrap-expect=3"));
        }
        agents.addAll(servers);
        client1 = start("client1", "127.0.0.44");
        client2 = start("client2", "127.0.0.45");
        agents.add(client1);
        agents.add(client2);
        for (AgentProcess agent : agents) {
            agent.awaitRunning();
        }
    }

    private AgentProcess start(String node, String ip, String... flags) throws IOException {
        Path dataDir = AgentProcess.tempDataDir(node);
        List<String> args = new ArrayList<>(List.of("-node=" + node, "-bind=" + ip, "-client=" + ip,
                "-data-dir=" + dataDir, "-encrypt=" + KEY, "-retry-interval=2s"));
        for (String server : SERVERS) {
            args.add("-retry-join=" + server);
        }
        args.addAll(List.of(flags));
        return AgentProcess.start(ip + ":8500", args.toArray(String[]::new));
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        for (AgentProcess agent : agents) {
            agent.close();
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode serfHealth(AgentProcess agent, String node) throws Exception {
        for (JsonNode check : json(agent.get("/v1/health/node/" + node))) {
            if (check.get("CheckID").asText().equals("serfHealth")) {
                return check;
            }
        }
        throw new AssertionError("no serfHealth on " + node);
    }

    @Test
    @Order(1)
    void everyAgentSeesAllFiveAliveAndTheServersFormOneRaftGroup() throws Exception {
        Map<String, Integer> allAlive = Map.of("server1", 1, "server2", 1, "server3", 1, "client1", 1, "client2", 1);
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            for (AgentProcess agent : agents) {
                assertThat(agent.memberStatuses()).isEqualTo(allAlive);
            }
        });
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            List<String> leaders = new ArrayList<>();
            for (AgentProcess server : servers) {
                assertThat(json(server.get("/v1/status/peers"))).extracting(JsonNode::asText)
                        .containsExactlyInAnyOrder("127.0.0.41:8300", "127.0.0.42:8300", "127.0.0.43:8300");
                leaders.add(json(server.get("/v1/status/leader")).asText());
            }
            assertThat(leaders).allMatch(l -> l.equals(leaders.get(0))).first().asString().endsWith(":8300");
        });
        JsonNode member = json(servers.get(0).get("/v1/agent/members")).get(0);
        assertThat(member.has("Addr") && member.has("Port") && member.has("Tags") && member.has("ProtocolCur")).isTrue();
    }

    @Test
    @Order(2)
    void aKeyWrittenOnAnyServerIsReadOnEveryServerStaleAndConsistent() throws Exception {
        for (int i = 0; i < servers.size(); i++) {
            AgentProcess writer = servers.get(i);
            String key = "/v1/kv/written-on/server" + (i + 1);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(writer.put(key, "v").body()).isEqualTo("true"));
            for (AgentProcess reader : servers) {
                assertThat(reader.get(key + "?consistent&raw").body()).isEqualTo("v");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(reader.get(key + "?stale&raw").body()).isEqualTo("v"));
            }
        }
    }

    @Test
    @Order(3)
    void theCatalogHoldsEveryMemberWithAPassingSerfHealthAndTheServersAsTheConsulService() throws Exception {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            for (String node : List.of("server1", "server2", "server3", "client1", "client2")) {
                JsonNode check = serfHealth(client1, node);
                assertThat(check.get("Status").asText()).isEqualTo("passing");
                assertThat(check.get("Name").asText()).isEqualTo("Serf Health Status");
                assertThat(check.get("Output").asText()).isEqualTo("Agent alive and reachable");
            }
            assertThat(json(client1.get("/v1/catalog/service/consul"))).extracting(s -> s.get("Node").asText())
                    .containsExactlyInAnyOrder("server1", "server2", "server3");
        });
    }

    @Test
    @Order(4)
    void cairnMembersAndListPeersPrintConsulsColumns() throws Exception {
        AgentProcess.CommandResult members = AgentProcess.cli("members", "-http-addr=127.0.0.44:8500");

        assertThat(members.exitCode()).as(members.output()).isZero();
        List<String> lines = members.output().lines().toList();
        assertThat(lines.get(0)).matches("Node +Address +Status +Type +Build +Protocol +DC +Partition +Segment");
        assertThat(lines.get(1)).matches("server1 +127\\.0\\.0\\.41:8301 +alive +server .* dc1 +default +<all>");
        assertThat(lines.get(4)).matches("client1 +127\\.0\\.0\\.44:8301 +alive +client .* dc1 +default +<default>");
        assertThat(AgentProcess.cli("members", "-http-addr=127.0.0.44:8500", "-status=failed").exitCode()).isEqualTo(2);

        AgentProcess.CommandResult peers = AgentProcess.cli("operator", "raft", "list-peers", "-http-addr=127.0.0.44:8500");
        assertThat(peers.exitCode()).as(peers.output()).isZero();
        List<String> rows = peers.output().lines().toList();
        assertThat(rows.get(0)).matches("Node +ID +Address +State +Voter +RaftProtocol +Commit Index +Trails Leader By");
        assertThat(rows.subList(1, rows.size())).hasSize(3)
                .anySatisfy(row -> assertThat(row).matches("server\\d +server\\d +127\\.0\\.0\\.4\\d:8300 +leader +true +3 +\\d+ +-"))
                .filteredOn(row -> row.contains("follower")).hasSize(2)
                .allSatisfy(row -> assertThat(row).matches(".* +follower +true +3 +\\d+ +\\d+ commits?"));
    }

    @Test
    @Order(5)
    void aKilledClientIsFailedItsSerfHealthCriticalAndItsSessionGone() throws Exception {
        String session = json(client2.put("/v1/session/create", "{\"Name\":\"lock\",\"Node\":\"client2\"}")).get("ID").asText();
        assertThat(client2.put("/v1/kv/held?acquire=" + session, "me").body()).isEqualTo("true");
        client1.put("/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80}");
        client2.put("/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(servers.get(0).get("/v1/health/service/web?passing"))).hasSize(2));

        client2.process().destroyForcibly();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> servers.get(0).memberStatuses().get("client2") == 4);
        Duration detection = Duration.ofNanos(System.nanoTime() - killed);
        System.out.println("MembershipIT: kill -9 of client2 seen failed by server1 after " + detection.toMillis() + " ms");

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            JsonNode check = serfHealth(servers.get(1), "client2");
            assertThat(check.get("Status").asText()).isEqualTo("critical");
            assertThat(check.get("Output").asText()).isEqualTo("Agent not live or unreachable");
        });
        System.out.println("MembershipIT: kill -9 of client2 to serfHealth critical in the catalog after "
                + Duration.ofNanos(System.nanoTime() - killed).toMillis() + " ms");
        assertThat(json(servers.get(1).get("/v1/health/service/web?passing"))).extracting(s -> s.get("Node").get("Node").asText())
                .containsExactly("client1");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(servers.get(2).get("/v1/session/info/" + session).body()).isEqualTo("[]");
            assertThat(json(servers.get(2).get("/v1/kv/held")).get(0).has("Session")).isFalse();
        });
        assertThat(detection).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(6)
    void aClientThatLeavesIsLeftDeregisteredAndItsProcessExits() throws Exception {
        AgentProcess.CommandResult leave = AgentProcess.cli("leave", "-http-addr=127.0.0.44:8500");

        assertThat(leave.output()).contains("Graceful leave complete");
        await().atMost(Duration.ofSeconds(30)).until(() -> !client1.process().isAlive());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(servers.get(1).memberStatuses()).containsEntry("client1", 3).containsEntry("client2", 4));
        // at once, or, when the client's own last anti-entropy sync lands after its deregistration,
        // at the leader's next full pass (every 30 s)
        await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
            assertThat(servers.get(0).get("/v1/catalog/node/client1").body()).isEqualTo("null");
            assertThat(json(servers.get(0).get("/v1/catalog/nodes"))).extracting(n -> n.get("Node").asText())
                    .contains("client2").doesNotContain("client1");
        });
    }

    @Test
    @Order(7)
    void anAgentWithAnotherKeyIsRefused() throws Exception {
        Path dataDir = AgentProcess.tempDataDir("intruder");
        AgentProcess intruder = AgentProcess.start("127.0.0.49:8500", "-node=intruder", "-bind=127.0.0.49",
                "-client=127.0.0.49", "-data-dir=" + dataDir, "-encrypt=" + "A".repeat(43) + "=",
                "-retry-join=127.0.0.41");
        agents.add(intruder);
        intruder.awaitRunning();

        HttpResponse<String> join = intruder.put("/v1/agent/join/127.0.0.41", "");
        assertThat(join.statusCode()).isEqualTo(500);
        assertThat(servers.get(0).memberStatuses()).doesNotContainKey("intruder");
        assertThat(intruder.memberStatuses()).containsOnlyKeys("intruder");
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.get(0).output().contains("rejected a message from"));
    }
}
