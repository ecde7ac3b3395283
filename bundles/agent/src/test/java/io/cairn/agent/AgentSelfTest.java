package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfig;
import io.cairn.config.ConfigLoader;

/** {@code /v1/agent/self} carries the DebugConfig fields tools read, with Consul's names and types. */
class AgentSelfTest {

    @Test
    void debugConfigHasConsulsPortsIncludingADisabledGrpcPort() throws Exception {
        Path dataDir = Files.createTempDirectory("agent-self");
        AgentConfig config = ConfigLoader.fromArgs(List.of("-server", "-bootstrap", "-node", "n1", "-bind",
                "127.0.0.90", "-data-dir", dataDir.toString())).config();
        AgentSelf self = AgentSelf.of(config, new BuildInfo("0.1.0", "1.22.0", "abc", "2026-01-01T00:00:00Z", 2));
        assertThat(self.debugConfig())
                .containsEntry("HTTPPort", 8500)
                .containsEntry("DNSPort", 8600)
                .containsEntry("ServerPort", 8300)
                .containsEntry("GRPCPort", -1)
                .containsEntry("ServerMode", true);
        assertThat(self.config().server()).isTrue();
        assertThat(self.member().tags()).containsEntry("role", "consul");
    }
}
