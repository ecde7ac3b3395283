package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Many agents run from one unpacked distribution at once, each with its own data_dir and
 * address, the standard ports on each: no side port collides.
 */
class TwoAgentsIT {

    @Test
    void twoAgentsFromOneDistributionServeSideBySide() throws Exception {
        Path dataA = AgentProcess.tempDataDir("a");
        Path dataB = AgentProcess.tempDataDir("b");
        try (AgentProcess a = AgentProcess.start("127.0.0.2:8500", "-server", "-bootstrap", "-node", "alpha",
                "-bind", "127.0.0.2", "-client", "127.0.0.2", "-data-dir", dataA.toString());
             AgentProcess b = AgentProcess.start("127.0.0.3:8500", "-server", "-bootstrap", "-node", "beta",
                     "-bind", "127.0.0.3", "-client", "127.0.0.3", "-data-dir", dataB.toString())) {
            a.awaitRunning();
            b.awaitRunning();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(a.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.2:8300\"");
                assertThat(b.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.3:8300\"");
            });
            assertThat(a.get("/v1/agent/self").body()).contains("\"NodeName\":\"alpha\"");
            assertThat(b.get("/v1/agent/self").body()).contains("\"NodeName\":\"beta\"");
            // each agent's Karaf data lives under its own data_dir
            assertThat(dataA.resolve("karaf")).isDirectory();
            assertThat(dataB.resolve("karaf")).isDirectory();
            assertThat(a.stop()).isZero();
            assertThat(b.stop()).isZero();
        }
    }
}
