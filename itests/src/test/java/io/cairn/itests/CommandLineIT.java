package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.cairn.itests.AgentProcess.CommandResult;

/** The {@code cairn} commands that need no agent, run from the distribution. */
class CommandLineIT {

    @Test
    void versionPrintsConsulStyleLines() throws Exception {
        CommandResult r = AgentProcess.cli("version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).startsWith("Cairn v").contains("Revision ", "Build Date ", "Protocol 2 spoken by default");
        assertThat(AgentProcess.cli("version", "-format=json").output()).contains("\"Version\"", "\"RPC\"");
    }

    @Test
    void validateAcceptsAGoodConfigAndNamesEveryError() throws Exception {
        Path dir = Files.createTempDirectory("cairn-it-validate");
        Path good = Files.writeString(dir.resolve("server.json"),
                "{\"server\": true, \"bootstrap_expect\": 3, \"data_dir\": \"/tmp/x\", \"retry_join\": [\"127.0.0.2\"]}");
        CommandResult ok = AgentProcess.cli("validate", good.toString());
        assertThat(ok.output()).contains("Configuration is valid!");
        assertThat(ok.exitCode()).isZero();

        Path bad = Files.writeString(dir.resolve("bad.hcl"), "data_dir = \"/tmp/x\"\nports { htp = 1 }\nbootstrap_expect = \"three\"\n");
        CommandResult err = AgentProcess.cli("validate", bad.toString());
        assertThat(err.exitCode()).isEqualTo(1);
        assertThat(err.output()).contains("bad.hcl", "ports.htp", "bootstrap_expect");
    }

    @Test
    void unknownAgentFlagPrintsUsageAndExitsOne() throws Exception {
        CommandResult r = AgentProcess.cli("agent", "-no-such-flag");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("no-such-flag").contains("Usage");
    }
}
