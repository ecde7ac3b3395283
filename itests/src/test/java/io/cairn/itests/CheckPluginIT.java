package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A check plugin's whole life in a running agent, as its author would go through it: the
 * example plugin built on its own against the SDK, installed with {@code cairn plugin
 * install}, a check of its type passing and failing, the plugin removed (the check critical
 * naming the missing type, the agent and its other checks unharmed), and installed again by
 * dropping the jar into the agent's deploy folder. No restart anywhere.
 */
class CheckPluginIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "127.0.0.110";
    private static final String HTTP = ADDRESS + ":8500";
    private static final String PLUGIN = "com.example.cairn.file-check";
    private static final Path EXAMPLE = Path.of("../plugins-sdk/examples/file-check").toAbsolutePath().normalize();

    private static Path pluginJar;

    /** Builds the example as a plugin author does: its own Maven build, against the installed SDK only. */
    @BeforeAll
    static void buildTheExamplePlugin() throws Exception {
        // offline: the Cairn build that ran before the integration tests installed the SDK and every Maven plugin used
        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-o", "package", "-f", EXAMPLE.resolve("pom.xml").toString())
                .redirectErrorStream(true).start();
        String output = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mvn.waitFor()).as("example plugin build:\n" + output).isZero();
        pluginJar = EXAMPLE.resolve("target/file-check-1.0.0.jar");
        assertThat(pluginJar).exists();
    }

    @Test
    void aPluginCheckTypeComesAndGoesWithoutARestart() throws Exception {
        Path dataDir = AgentProcess.tempDataDir("check-plugin");
        Path readyFile = dataDir.resolve("ready");
        Files.createFile(readyFile);
        try (AgentProcess agent = AgentProcess.start(HTTP, "-dev", "-node", "plugin-it", "-bind", ADDRESS,
                "-client", ADDRESS, "-data-dir", dataDir.toString())) {
            agent.awaitRunning();
            // a built-in check beside the plugin's: it must not notice the plugin coming and going
            register(agent, "{\"ID\":\"api-port\",\"Name\":\"api port\",\"TCP\":\"" + HTTP + "\",\"Interval\":\"1s\"}");
            awaitCheck(agent, "api-port", "passing", "TCP connect " + HTTP + ": Success");

            register(agent, "{\"ID\":\"ready\",\"Name\":\"ready file\",\"HTTP\":\"" + readyFile.toUri()
                    + "\",\"Interval\":\"1s\"}");
            awaitCheck(agent, "ready", "critical", "Check type \"file\" is not installed on this agent");

            AgentProcess.CommandResult installed = AgentProcess.cli("plugin", "install", pluginJar.toString(),
                    "-http-addr", HTTP);
            assertThat(installed.exitCode()).as(installed.output()).isZero();
            assertThat(installed.output()).contains("Installed plugin " + PLUGIN + " 1.0.0");
            awaitCheck(agent, "ready", "passing", "File " + readyFile + " exists");
            AgentProcess.CommandResult listed = AgentProcess.cli("plugin", "list", "-http-addr", HTTP);
            assertThat(listed.output()).containsPattern(PLUGIN + " +1\\.0\\.0 +active +file +upload");

            Files.delete(readyFile);
            awaitCheck(agent, "ready", "critical", "File " + readyFile + " does not exist");
            Files.createFile(readyFile);
            awaitCheck(agent, "ready", "passing", "File " + readyFile + " exists");

            AgentProcess.CommandResult removed = AgentProcess.cli("plugin", "remove", PLUGIN, "-http-addr", HTTP);
            assertThat(removed.exitCode()).as(removed.output()).isZero();
            awaitCheck(agent, "ready", "critical", "Check type \"file\" is not installed on this agent");
            assertThat(JSON.readTree(agent.get("/v1/agent/plugins").body())).isEmpty();
            assertThat(agent.get("/v1/status/leader").statusCode()).isEqualTo(200);
            assertThat(check(agent, "api-port").path("Status").asText()).isEqualTo("passing");
            AgentProcess.CommandResult again = AgentProcess.cli("plugin", "remove", PLUGIN, "-http-addr", HTTP);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.output()).contains("Unknown plugin \"" + PLUGIN + "\"");

            // the per-agent deploy folder: a copied-in jar is installed within a few seconds
            Path deployed = dataDir.resolve("plugins/file-check.jar");
            Files.copy(pluginJar, dataDir.resolve("plugins/.file-check.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(dataDir.resolve("plugins/.file-check.tmp"), deployed, StandardCopyOption.ATOMIC_MOVE);
            awaitCheck(agent, "ready", "passing", "File " + readyFile + " exists");
            JsonNode plugins = JSON.readTree(agent.get("/v1/agent/plugins").body());
            assertThat(plugins.path(0).path("Source").asText()).isEqualTo("deploy:file-check.jar");

            Files.delete(deployed);
            awaitCheck(agent, "ready", "critical", "Check type \"file\" is not installed on this agent");
            assertThat(check(agent, "api-port").path("Status").asText()).isEqualTo("passing");
            assertThat(agent.stop()).isZero();
        }
    }

    private static void register(AgentProcess agent, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = agent.put("/v1/agent/check/register", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode check(AgentProcess agent, String id) throws IOException, InterruptedException {
        return JSON.readTree(agent.get("/v1/agent/checks").body()).path(id);
    }

    private static void awaitCheck(AgentProcess agent, String id, String status, String output) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode check = check(agent, id);
            assertThat(check.path("Status").asText() + " " + check.path("Output").asText())
                    .isEqualTo(status + " " + output);
        });
    }
}
