package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class AgentFlagsTest {

    private final Problems problems = new Problems();

    private AgentFlags.Parsed parse(String... args) {
        return AgentFlags.parse(List.of(args), problems);
    }

    @Test
    void acceptsBothValueFormsWithOneOrTwoDashes() {
        AgentFlags.Parsed parsed = parse("-node=a", "--datacenter", "dc2", "--bind=10.0.0.1", "-client", "0.0.0.0");
        assertThat(parsed.values().toString())
                .isEqualTo("{\"node_name\":\"a\",\"datacenter\":\"dc2\",\"bind_addr\":\"10.0.0.1\",\"client_addr\":\"0.0.0.0\"}");
        assertThat(problems.errors()).isEmpty();
    }

    @Test
    void booleansTakeNoValueOrAnExplicitOne() {
        AgentFlags.Parsed parsed = parse("-server", "--ui=false", "-dev", "-console=true");
        assertThat(parsed.values().toString()).isEqualTo("{\"server\":true,\"ui\":false}");
        assertThat(parsed.dev()).isTrue();
        assertThat(parsed.console()).isTrue();
    }

    @Test
    void repeatableFlagsAccumulateInOrder() {
        AgentFlags.Parsed parsed = parse("-retry-join=a", "-join", "b", "-config-file=x.json", "-config-dir", "d",
                "-node-meta=rack:r1", "-node-meta", "zone:z1");
        assertThat(parsed.values().get("retry_join").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(parsed.values().get("node_meta").toString()).isEqualTo("{\"rack\":\"r1\",\"zone\":\"z1\"}");
        assertThat(parsed.configPaths()).containsExactly(Path.of("x.json"), Path.of("d"));
        assertThat(problems.warnings()).containsExactly("command line: -join: deprecated, use -retry-join instead (value applied)");
    }

    @Test
    void portFlagsFillThePortsBlock() {
        AgentFlags.Parsed parsed = parse("-http-port=1", "-raft-port", "2");
        assertThat(parsed.values().toString()).isEqualTo("{\"ports\":{\"http\":1,\"raft\":2}}");
    }

    @Test
    void unknownFlagsMissingValuesAndArgumentsAreErrors() {
        parse("-bogus", "stray", "-ui=maybe", "-node");
        assertThat(problems.errors()).containsExactly(
                "command line: -bogus: unknown flag",
                "command line: unexpected argument \"stray\"; cairn agent takes flags only",
                "command line: -ui: must be true or false, got \"maybe\"",
                "command line: -node: needs a value");
    }

    @Test
    void usageListsEveryFlag() {
        assertThat(AgentFlags.usage()).contains("-dev ", "-retry-join=<value>", "-raft-port=<value>", "-console ");
    }
}
