package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * KV and sessions as a user meets them on a dev agent: {@code cairn kv} from the shell, and a
 * lock taken, contended, and freed by destroying and by expiring its session over HTTP.
 */
class KvSessionIT {

    private static final String ADDRESS = "127.0.0.30:8500";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AgentProcess.CommandResult kv(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kv", args[0], "-http-addr", ADDRESS));
        command.addAll(List.of(args).subList(1, args.length));
        return AgentProcess.cli(command.toArray(String[]::new));
    }

    @Test
    void kvCommandsAndASessionLockCycle() throws Exception {
        try (AgentProcess agent = AgentProcess.start(ADDRESS, "-dev", "-bind", "127.0.0.30", "-client", "127.0.0.30")) {
            agent.awaitRunning();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(agent.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.30:8300\""));

            assertThat(kv("put", "app/name", "cairn").output()).isEqualTo("Success! Data written to: app/name\n");
            Path file = Files.writeString(Files.createTempDirectory("cairn-it-kv").resolve("v"), "from a file");
            assertThat(kv("put", "app/file", "@" + file).exitCode()).isZero();
            assertThat(kv("get", "app/name").output()).isEqualTo("cairn\n");
            AgentProcess.CommandResult missing = kv("get", "app/missing");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.output()).isEqualTo("Error! No key exists at: app/missing\n");
            assertThat(kv("get", "-recurse", "app/").output()).isEqualTo("app/file:from a file\napp/name:cairn\n");

            String exported = kv("export", "app/").output();
            assertThat(JSON.readTree(exported)).hasSize(2);
            Path export = Files.writeString(file.resolveSibling("export.json"), exported);
            assertThat(kv("delete", "-recurse", "app/").output()).isEqualTo("Success! Deleted keys with prefix: app/\n");
            assertThat(kv("get", "app/name").exitCode()).isEqualTo(1);
            assertThat(kv("import", "@" + export).output()).isEqualTo("Imported: app/file\nImported: app/name\n");
            assertThat(kv("get", "app/name").output()).isEqualTo("cairn\n");

            // a lock: one holder at a time; destroying the holder frees it (no lock-delay asked)
            String first = session(agent, "{\"Name\":\"first\",\"LockDelay\":\"0s\"}");
            String second = session(agent, "{\"Name\":\"second\",\"LockDelay\":\"0s\"}");
            assertThat(agent.put("/v1/kv/service/leader?acquire=" + first, "me").body()).isEqualTo("true");
            assertThat(agent.put("/v1/kv/service/leader?acquire=" + second, "me too").body()).isEqualTo("false");
            JsonNode held = JSON.readTree(agent.get("/v1/kv/service/leader").body()).get(0);
            assertThat(held.path("Session").asText()).isEqualTo(first);
            assertThat(held.path("LockIndex").asLong()).isEqualTo(1);
            assertThat(agent.put("/v1/session/destroy/" + first, "").body()).isEqualTo("true");
            assertThat(JSON.readTree(agent.get("/v1/kv/service/leader").body()).get(0).has("Session")).isFalse();
            assertThat(agent.put("/v1/kv/service/leader?acquire=" + second, "me too").body()).isEqualTo("true");

            // a TTL session the leader reaps at twice its TTL, releasing what it held
            String ttl = session(agent, "{\"TTL\":\"10s\",\"LockDelay\":\"0s\"}");
            assertThat(agent.put("/v1/kv/ephemeral?acquire=" + ttl, "x").body()).isEqualTo("true");
            long created = System.nanoTime();
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).until(() ->
                    agent.get("/v1/session/info/" + ttl).body().equals("[]"));
            assertThat(Duration.ofNanos(System.nanoTime() - created)).isGreaterThan(Duration.ofSeconds(19));
            assertThat(JSON.readTree(agent.get("/v1/kv/ephemeral").body()).get(0).has("Session")).isFalse();

            assertThat(agent.stop()).isZero();
        }
    }

    private static String session(AgentProcess agent, String body) throws Exception {
        return JSON.readTree(agent.put("/v1/session/create", body).body()).path("ID").asText();
    }
}
