package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dev agent as a user meets it: {@code cairn agent -dev}, then the HTTP API on 127.0.0.1:8500. */
class DevAgentIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void devAgentBecomesLeaderAndDescribesItself() throws Exception {
        Path pidFile = Files.createTempDirectory("cairn-it-pid").resolve("cairn.pid");
        try (AgentProcess agent = AgentProcess.start("127.0.0.1:8500", "-dev", "-pid-file", pidFile.toString())) {
            agent.awaitRunning();
            assertThat(agent.output()).doesNotContain("bundles not active");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(agent.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.1:8300\""));
            assertThat(JSON.readTree(agent.get("/v1/status/peers").body()))
                    .containsExactly(JSON.readTree("\"127.0.0.1:8300\""));

            HttpResponse<String> self = agent.get("/v1/agent/self");
            assertThat(self.statusCode()).isEqualTo(200);
            JsonNode config = JSON.readTree(self.body()).path("Config");
            assertThat(config.path("Datacenter").asText()).isEqualTo("dc1");
            assertThat(config.path("Server").asBoolean()).isTrue();
            assertThat(config.path("NodeName").asText()).isNotEmpty();
            assertThat(config.path("NodeID").asText()).hasSize(36);
            assertThat(config.path("Version").asText()).matches("\\d+\\.\\d+\\.\\d+");

            assertThat(Files.readString(pidFile).trim()).isEqualTo(String.valueOf(agent.process().pid()));
            assertThat(agent.stop()).isZero();
            assertThat(pidFile).doesNotExist();
        }
    }
}
