package io.cairn.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfiguredServersTest {

    @Test
    void joinAddressesBecomeTheirHostsAtTheServerPort() {
        assertThat(ConfiguredServers.fromRetryJoin(List.of("10.0.0.1", "10.0.0.2:8301", "[::1]:8301", "fe80::1",
                "provider=aws tag_key=consul", "10.0.0.1:9301"), 8300))
                .containsExactly("10.0.0.1:8300", "10.0.0.2:8300", "[::1]:8300", "[fe80::1]:8300");
    }
}
