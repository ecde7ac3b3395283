package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code cairn snapshot save|inspect|restore} on a dev agent: what was saved comes back after it was deleted. */
class SnapshotIT {

    private static final String ADDRESS = "127.0.0.120:8500";

    @Test
    void aSavedSnapshotRestoresDeletedKeys() throws Exception {
        try (AgentProcess agent = AgentProcess.start(ADDRESS, "-dev", "-bind", "127.0.0.120", "-client", "127.0.0.120")) {
            agent.awaitRunning();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(agent.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.120:8300\""));
            for (int i = 0; i < 5; i++) {
                assertThat(agent.put("/v1/kv/app/key" + i, "value" + i).body()).isEqualTo("true");
            }
            Path file = Files.createTempDirectory("cairn-it-snapshot").resolve("backup.snap");

            AgentProcess.CommandResult save = AgentProcess.cli("snapshot", "save", "-http-addr", ADDRESS, file.toString());
            assertThat(save.output()).matches("Saved and verified snapshot to index \\d+\n");
            long index = Long.parseLong(save.output().replaceAll("\\D", ""));
            assertThat(AgentProcess.cli("snapshot", "inspect", file.toString()).output())
                    .contains(" Index        " + index + "\n").contains(" Version      1\n").startsWith(" ID           ");

            assertThat(AgentProcess.cli("kv", "delete", "-http-addr", ADDRESS, "-recurse", "app/").exitCode()).isZero();
            assertThat(agent.get("/v1/kv/app/key0").statusCode()).isEqualTo(404);

            assertThat(AgentProcess.cli("snapshot", "restore", "-http-addr", ADDRESS, file.toString()).output())
                    .isEqualTo("Restored snapshot\n");
            for (int i = 0; i < 5; i++) {
                assertThat(agent.get("/v1/kv/app/key" + i + "?raw").body()).isEqualTo("value" + i);
            }
            // the index moved on past the restore: a blocking reader of the keys sees a change
            assertThat(agent.get("/v1/kv/app/key0").headers().firstValueAsLong("X-Consul-Index").orElseThrow()).isGreaterThan(index);
            assertThat(agent.stop()).isZero();
        }
    }
}
