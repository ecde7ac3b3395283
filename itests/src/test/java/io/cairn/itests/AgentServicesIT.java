package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service registered on the agent the way Spring Cloud Consul does it (a TTL heartbeat),
 * seen through the agent's and the catalog's endpoints, and still passing after a restart.
 * The TTL is Spring's shape with a longer value: a restart on a loaded two-core machine can
 * take longer than Spring's 30 s, and an expired TTL rightly comes back critical.
 */
class AgentServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTP = "127.0.0.90:8500";

    @Test
    void springStyleTtlRegistrationIsVisibleAndSurvivesARestart() throws Exception {
        Path dataDir = AgentProcess.tempDataDir("agent-services");
        String[] flags = {"-dev", "-node", "services-it", "-bind", "127.0.0.90", "-client", "127.0.0.90",
                "-data-dir", dataDir.toString()};
        try (AgentProcess agent = AgentProcess.start(HTTP, flags)) {
            agent.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> agent.get("/v1/status/leader").body().length() > 2);

            HttpResponse<String> registered = agent.put("/v1/agent/service/register", """
                    {"ID":"app-8080","Name":"app","Tags":["secure=false"],"Address":"127.0.0.90","Port":8080,
                     "Meta":{},"EnableTagOverride":false,"Check":{"TTL":"120s"}}""");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(agent.put("/v1/agent/check/pass/service:app-8080", "").statusCode()).isEqualTo(200);

            JsonNode services = JSON.readTree(agent.get("/v1/agent/services").body());
            assertThat(services.path("app-8080").path("Service").asText()).isEqualTo("app");
            JsonNode checks = JSON.readTree(agent.get("/v1/agent/checks").body());
            assertThat(checks.path("service:app-8080").path("Status").asText()).isEqualTo("passing");
            assertThat(agent.put("/v1/agent/check/pass/app", "").statusCode()).isEqualTo(404);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> health = agent.get("/v1/health/service/app?passing");
                assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
                assertThat(JSON.readTree(health.body()).path(0).path("Service").path("ID").asText())
                        .isEqualTo("app-8080");
            });
            assertThat(agent.put("/v1/agent/check/pass/service:app-8080", "").statusCode()).isEqualTo(200);
            assertThat(agent.stop()).isZero();
        }

        try (AgentProcess again = AgentProcess.start(HTTP, flags)) {
            again.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> again.get("/v1/agent/checks").statusCode() == 200);
            JsonNode checks = JSON.readTree(again.get("/v1/agent/checks").body());
            assertThat(checks.path("service:app-8080").path("Status").asText()).isEqualTo("passing");
            assertThat(again.stop()).isZero();
        }
    }
}
