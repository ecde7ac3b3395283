package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real client, unchanged: a Spring Boot 4 application with Spring Cloud Consul 5.0
 * discovery and config ({@code itests/spring-app}), two instances as separate JVMs, against a
 * dev agent started from the distribution. The application registers itself with a TTL
 * heartbeat (the second instance with an HTTP check), finds its peer through {@code DiscoveryClient}, hears of a new service through
 * the catalog watch, and takes a KV change into its {@code @ConfigurationProperties} and
 * {@code @RefreshScope} beans through the blocking config watch; everything is asserted over
 * HTTP, on the agent or on the application's own probe endpoints.
 */
class SpringCloudConsulIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "127.0.0.185";
    private static final String APP = "cairn-spring-app";
    private static final Duration TTL = Duration.ofSeconds(6);

    @Test
    void springCloudConsulDiscoveryAndConfigWorkAgainstCairn() throws Exception {
        try (AgentProcess agent = AgentProcess.start(ADDRESS + ":8500", "-dev", "-node", "spring-it",
                "-bind", ADDRESS, "-client", ADDRESS, "-data-dir", AgentProcess.tempDataDir("spring").toString())) {
            agent.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> agent.get("/v1/status/leader").body().length() > 2);
            // read once at start-up by the config data loader
            assertThat(agent.put("/v1/kv/config/" + APP + "/greeting.target", "set in cairn").body()).isEqualTo("true");

            List<SpringAppProcess> apps = new ArrayList<>();
            try (SpringAppProcess first = start(1); SpringAppProcess second = start(2)) {
                apps.add(first);
                apps.add(second);
                try {
                    first.awaitStarted();
                    second.awaitStarted();
                    registersWithATtlHeartbeat(agent);
                    discoversThePeer(second);
                    catalogWatchSeesANewService(agent, first);
                    kvChangeReachesTheConfig(agent, first, second);
                    staysPassingOnHeartbeatsAloneWhileTheWatchesBlock(agent, first);
                    outOfServiceThroughTheServiceRegistry(agent, first, second);
                    aKilledInstanceExpiresAndIsNoLongerDiscovered(agent, first, second);
                    aStoppedInstanceDeregisters(agent, second);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(e.getMessage() + describe(agent, apps), e);
                }
            }
            assertThat(agent.stop()).isZero();
        }
    }

    /**
     * Instance 1 registers with a TTL heartbeat; instance 2 with Spring's default, an HTTP
     * check on its actuator health that the agent runs.
     */
    private static SpringAppProcess start(int n) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--spring.cloud.consul.host=" + ADDRESS,
                "--spring.cloud.consul.port=8500",
                "--spring.cloud.consul.discovery.instance-id=" + APP + "-" + n,
                "--spring.cloud.consul.discovery.ip-address=" + ADDRESS,
                // four contexts are watched one after the other, each blocking up to this long
                "--spring.cloud.consul.config.watch.wait-time=2"));
        if (n == 1) {
            args.add("--spring.cloud.consul.discovery.heartbeat.ttl=" + TTL.toSeconds() + "s");
        } else {
            args.add("--spring.cloud.consul.discovery.heartbeat.enabled=false");
            args.add("--spring.cloud.consul.discovery.health-check-interval=2s");
        }
        return SpringAppProcess.start(APP + "-" + n, ADDRESS, 18080 + n, args.toArray(String[]::new));
    }

    /**
     * (1) Spring's registrations: a TTL check named as Consul names it, passing once the
     * heartbeat comes; an HTTP check the agent runs against the application's actuator.
     */
    private static void registersWithATtlHeartbeat(AgentProcess agent) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode entry = passingEntry(agent, APP + "-1");
            assertThat(entry).as("%s-1 in /v1/health/service/%s?passing", APP, APP).isNotNull();
            assertThat(entry.path("Service").path("Port").asInt()).isEqualTo(18081);
            assertThat(entry.path("Service").path("Address").asText()).isEqualTo(ADDRESS);
            JsonNode check = checkOf(entry, "service:" + APP + "-1");
            assertThat(check).isNotNull();
            assertThat(check.path("Type").asText()).isEqualTo("ttl");
            assertThat(check.path("Status").asText()).isEqualTo("passing");
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode entry = passingEntry(agent, APP + "-2");
            assertThat(entry).as("%s-2 passing", APP).isNotNull();
            JsonNode check = checkOf(entry, "service:" + APP + "-2");
            assertThat(check.path("Type").asText()).isEqualTo("http");
            assertThat(check.path("Output").asText()).contains("/actuator/health").contains("200");
        });
    }

    /** (2) The second instance asks its {@code DiscoveryClient} (a health query, passing only). */
    private static void discoversThePeer(SpringAppProcess second) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode instances = second.getJson("/probe/instances/" + APP);
            JsonNode firstOne = byField(instances, "instanceId", APP + "-1");
            assertThat(firstOne).as(instances.toString()).isNotNull();
            assertThat(firstOne.path("serviceId").asText()).isEqualTo(APP);
            assertThat(firstOne.path("host").asText()).isEqualTo(ADDRESS);
            assertThat(firstOne.path("port").asInt()).isEqualTo(18081);
            assertThat(firstOne.path("metadata").path("secure").asText()).isEqualTo("false");
        });
    }

    /** (3) A service registered behind the application's back reaches it through the catalog watch. */
    private static void catalogWatchSeesANewService(AgentProcess agent, SpringAppProcess first) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> first.getJson("/probe/catalog-watch").path("events").asLong() > 0);
        assertThat(first.getJson("/probe/catalog-watch").path("servicesAtLastChange").toString()).doesNotContain("payments");

        HttpResponse<String> registered = agent.put("/v1/agent/service/register",
                "{\"ID\":\"payments-1\",\"Name\":\"payments\",\"Port\":9090,\"Tags\":[\"v2\"]}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        HttpResponse<String> catalog = agent.get("/v1/catalog/services");
        assertThat(catalog.body()).contains("\"payments\"");
        long index = Long.parseLong(catalog.headers().firstValue("X-Consul-Index").orElseThrow());

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode watch = first.getJson("/probe/catalog-watch");
            assertThat(watch.path("lastChangeIndex").asLong()).as(watch.toString()).isGreaterThanOrEqualTo(index);
            assertThat(watch.path("servicesAtLastChange").toString()).contains("\"payments\"");
        });
    }

    /** (4) A KV write wakes the blocking config watch; the refresh rebinds and rebuilds the beans. */
    private static void kvChangeReachesTheConfig(AgentProcess agent, SpringAppProcess first, SpringAppProcess second)
            throws Exception {
        JsonNode before = first.getJson("/probe/config");
        assertThat(before.path("target").asText()).as("read from KV at start-up").isEqualTo("set in cairn");
        assertThat(before.path("message").asText()).isEqualTo("hello from defaults");

        assertThat(agent.put("/v1/kv/config/" + APP + "/greeting.message", "hello from cairn").body()).isEqualTo("true");
        for (SpringAppProcess app : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode config = app.getJson("/probe/config");
                assertThat(config.path("message").asText()).as("@ConfigurationProperties").isEqualTo("hello from cairn");
                assertThat(config.path("refreshScopeMessage").asText()).as("@RefreshScope").isEqualTo("hello from cairn");
                assertThat(config.path("target").asText()).isEqualTo("set in cairn");
            });
        }
    }

    /**
     * Longer than a TTL, the check never leaves passing: only the heartbeats keep it there.
     * Meanwhile nothing changes, so both watches must be parked in blocking queries: polling
     * would make dozens of requests a second (200 ms apart), blocking about one per wait.
     */
    private static void staysPassingOnHeartbeatsAloneWhileTheWatchesBlock(AgentProcess agent, SpringAppProcess first)
            throws Exception {
        long kvReadsBefore = kvReads(agent);
        long catalogEventsBefore = first.getJson("/probe/catalog-watch").path("events").asLong();
        Duration window = TTL.plusSeconds(2);
        await().during(window).atMost(window.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(passingEntry(agent, APP + "-1")).as("%s-1 still passing", APP).isNotNull());
        // Two applications, each watching four contexts one after the other, 200 ms apart. Only
        // config/<app>/ holds keys; the three empty ones answer 404 with the KV table's index, as
        // Consul does, which has moved past the index Spring noted at start-up (it ignores the
        // index of a 404), so those come back at once: about 4 reads per 2.2 s per application
        // (~30 here) where polling would make ~20 a second per application (~300).
        assertThat(kvReads(agent) - kvReadsBefore).as("KV reads by two config watches in %s", window).isLessThan(100);
        assertThat(first.getJson("/probe/catalog-watch").path("events").asLong() - catalogEventsBefore)
                .as("catalog watch returns in %s", window).isLessThan(10);
    }

    /** {@code POST /actuator/serviceregistry}: Spring puts the instance in maintenance and reads it back. */
    private static void outOfServiceThroughTheServiceRegistry(AgentProcess agent, SpringAppProcess first,
            SpringAppProcess second) throws Exception {
        assertThat(first.getText("/actuator/serviceregistry")).isEqualTo("UP");
        assertThat(first.postJson("/actuator/serviceregistry", "{\"status\":\"OUT_OF_SERVICE\"}")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(passingEntry(agent, APP + "-1")).isNull();
            assertThat(first.getText("/actuator/serviceregistry")).isEqualTo("OUT_OF_SERVICE");
            assertThat(byField(second.getJson("/probe/instances/" + APP), "instanceId", APP + "-1")).isNull();
        });
        assertThat(first.postJson("/actuator/serviceregistry", "{\"status\":\"UP\"}")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(passingEntry(agent, APP + "-1")).isNotNull();
            assertThat(first.getText("/actuator/serviceregistry")).isEqualTo("UP");
            assertThat(byField(second.getJson("/probe/instances/" + APP), "instanceId", APP + "-1")).isNotNull();
        });
    }

    /** SIGKILL: no deregistration; the TTL expires, and the peer's DiscoveryClient drops the instance. */
    private static void aKilledInstanceExpiresAndIsNoLongerDiscovered(AgentProcess agent, SpringAppProcess first,
            SpringAppProcess second) throws Exception {
        first.kill();
        await().atMost(TTL.plusSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode checks = JSON.readTree(agent.get("/v1/agent/checks").body());
            JsonNode check = checks.path("service:" + APP + "-1");
            assertThat(check.path("Status").asText()).as(check.toString()).isEqualTo("critical");
            assertThat(check.path("Output").asText()).isEqualTo("TTL expired");
        });
        assertThat(passingEntry(agent, APP + "-1")).isNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode instances = second.getJson("/probe/instances/" + APP);
            assertThat(byField(instances, "instanceId", APP + "-1")).as(instances.toString()).isNull();
            assertThat(byField(instances, "instanceId", APP + "-2")).as(instances.toString()).isNotNull();
        });
    }

    /** SIGTERM: Spring deregisters its instance on the way out. */
    private static void aStoppedInstanceDeregisters(AgentProcess agent, SpringAppProcess second) throws Exception {
        assertThat(JSON.readTree(agent.get("/v1/agent/services").body()).has(APP + "-2")).isTrue();
        second.stop();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode services = JSON.readTree(agent.get("/v1/agent/services").body());
            assertThat(services.has(APP + "-2")).as(services.toString()).isFalse();
            assertThat(services.has("payments-1")).isTrue();
        });
    }

    private static JsonNode passingEntry(AgentProcess agent, String serviceId) throws Exception {
        HttpResponse<String> health = agent.get("/v1/health/service/" + APP + "?passing");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        for (JsonNode entry : JSON.readTree(health.body())) {
            if (serviceId.equals(entry.path("Service").path("ID").asText())) {
                return entry;
            }
        }
        return null;
    }

    /** How many {@code GET /v1/kv/...} the agent has answered ({@code consul.api.http}, cumulative). */
    private static long kvReads(AgentProcess agent) throws Exception {
        for (JsonNode sample : JSON.readTree(agent.get("/v1/agent/metrics").body()).path("Samples")) {
            if (sample.path("Name").asText().equals("consul.api.http")
                    && sample.path("Labels").path("method").asText().equals("GET")
                    && sample.path("Labels").path("path").asText().equals("v1_kv_")) {
                return sample.path("Count").asLong();
            }
        }
        throw new AssertionError("no consul.api.http sample for GET v1_kv_ in /v1/agent/metrics");
    }

    private static JsonNode checkOf(JsonNode entry, String checkId) {
        return byField(entry.path("Checks"), "CheckID", checkId);
    }

    private static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(field).asText())) {
                return element;
            }
        }
        return null;
    }

    private static String describe(AgentProcess agent, List<SpringAppProcess> apps) {
        StringBuilder out = new StringBuilder();
        for (SpringAppProcess app : apps) {
            out.append("\n--- application output ---\n").append(tail(app.output()));
        }
        return out.append("\n--- agent output ---\n").append(tail(agent.output())).toString();
    }

    private static String tail(String text) {
        return text.length() <= 20_000 ? text : text.substring(text.length() - 20_000);
    }
}
