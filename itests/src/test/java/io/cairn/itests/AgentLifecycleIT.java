package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agent as an operator runs it under systemd: READY once serving, configuration
 * reloaded on SIGHUP and {@code cairn reload} (a broken file leaves the running one in
 * force), a clean exit on SIGTERM.
 */
class AgentLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTP = "127.0.0.4:8500";

    @Test
    void notifiesSystemdReloadsOnHangupAndStopsOnTerm() throws Exception {
        Path dir = Files.createTempDirectory("cairn-it-lifecycle");
        Path config = dir.resolve("agent.json");
        Files.writeString(config, "{\"node_meta\": {\"rack\": \"a\"}}");
        Path notified = dir.resolve("notified");
        Path fakeBin = Files.createDirectories(dir.resolve("bin"));
        Path notify = Files.writeString(fakeBin.resolve("systemd-notify"), "#!/bin/sh\necho \"$@\" >> " + notified + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of(
                "NOTIFY_SOCKET", dir.resolve("notify.sock").toString(),
                "PATH", fakeBin + ":" + System.getenv("PATH"));

        try (AgentProcess agent = AgentProcess.start(HTTP, env, "-dev", "-bind", "127.0.0.4", "-client", "127.0.0.4",
                "-config-file", config.toString())) {
            agent.awaitRunning();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(notified).content().contains("--ready", "--pid=" + agent.process().pid()));
            assertThat(rack(agent)).isEqualTo("a");

            Files.writeString(config, "{\"node_meta\": {\"rack\": \"b\"}}");
            hangup(agent);
            await().atMost(Duration.ofSeconds(10)).until(() -> rack(agent).equals("b"));

            Files.writeString(config, "{\"node_meta\": {\"rack\": \"c\"}, \"no_such_key\": 1}");
            AgentProcess.CommandResult reload = AgentProcess.cli("reload", "-http-addr", HTTP);
            assertThat(reload.exitCode()).isEqualTo(1);
            assertThat(reload.output()).contains("no_such_key");
            assertThat(rack(agent)).isEqualTo("b");

            Files.writeString(config, "{\"node_meta\": {\"rack\": \"d\"}}");
            reload = AgentProcess.cli("reload", "-http-addr", HTTP);
            assertThat(reload.output()).contains("Configuration reload triggered");
            assertThat(rack(agent)).isEqualTo("d");

            assertThat(agent.stop()).isZero();
        }
    }

    private static String rack(AgentProcess agent) throws Exception {
        return JSON.readTree(agent.get("/v1/agent/self").body()).path("Meta").path("rack").asText();
    }

    private static void hangup(AgentProcess agent) throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", String.valueOf(agent.process().pid())).start().waitFor()).isZero();
    }
}
