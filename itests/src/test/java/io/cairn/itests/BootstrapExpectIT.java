package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A server waiting for {@code bootstrap_expect} servers answers as Consul's does — no leader,
 * no peers, 500 No cluster leader for the replicated state, never a 404 a client would read as
 * "no such key" — and serves the state once the second server forms the group with it.
 */
class BootstrapExpectIT {

    private static AgentProcess server(String ip) throws Exception {
        String node = "expect-" + ip.substring(ip.lastIndexOf('.') + 1);
        return AgentProcess.start(ip + ":8500", "-server", "-bootstrap-expect=2", "-node=" + node,
                "-bind=" + ip, "-client=" + ip, "-data-dir=" + AgentProcess.tempDataDir("expect"),
                "-retry-join=127.0.0.50", "-retry-join=127.0.0.51", "-retry-interval=1s");
    }

    @Test
    void aServerWaitingForItsPeersSaysThereIsNoLeaderUntilTheyCome() throws Exception {
        try (AgentProcess first = server("127.0.0.50").awaitRunning()) {
            HttpResponse<String> leader = first.get("/v1/status/leader");
            assertThat(leader.statusCode()).isEqualTo(200);
            assertThat(leader.body()).isEqualTo("\"\"");
            assertThat(first.get("/v1/status/peers").body()).isEqualTo("[]");
            HttpResponse<String> key = first.get("/v1/kv/app/config");
            assertThat(key.statusCode()).as(key.body()).isEqualTo(500);
            assertThat(key.body()).contains("No cluster leader");
            assertThat(first.get("/v1/catalog/services").statusCode()).isEqualTo(500);

            try (AgentProcess second = server("127.0.0.51").awaitRunning()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(first.get("/v1/status/leader").body()).endsWith(":8300\""));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        assertThat(first.put("/v1/kv/app/config", "v1").body()).isEqualTo("true"));
                assertThat(first.get("/v1/kv/app/config?raw").body()).isEqualTo("v1");
            }
        }
    }
}
