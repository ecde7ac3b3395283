package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a client sees of issue 5's agent extras over HTTP, on agents started from the
 * distribution: a user event fired on a client agent listed on a server (and a blocked list
 * woken by the next one), /v1/agent/metrics as JSON and Prometheus text, ?filter on the
 * agent's services, checks and members, ?hash blocking on one service, and maintenance mode
 * that survives a restart.
 */
class AgentEventsMetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String SERVER = "127.0.0.150";
    private static final String CLIENT = "127.0.0.151";
    private static final String SINGLE = "127.0.0.152";
    private static final Pattern PROMETHEUS_LINE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\""
                    + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\")*})? -?[0-9.eE+-]+");

    @Test
    void eventsMetricsFiltersAndHashBlockingOnAServerAndAClientAgent() throws Exception {
        Path config = Files.createTempDirectory("cairn-it-telemetry").resolve("telemetry.json");
        Files.writeString(config, "{\"telemetry\": {\"prometheus_retention_time\": \"60s\"}}");
        try (AgentProcess server = AgentProcess.start(SERVER + ":8500", "-server", "-bootstrap", "-node", "ev-server",
                "-bind", SERVER, "-client", SERVER, "-data-dir", AgentProcess.tempDataDir("ev-server").toString());
             AgentProcess client = AgentProcess.start(CLIENT + ":8500", "-node", "ev-client", "-bind", CLIENT,
                     "-client", CLIENT, "-retry-join", SERVER, "-config-file", config.toString(),
                     "-data-dir", AgentProcess.tempDataDir("ev-client").toString())) {
            server.awaitRunning();
            client.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> server.get("/v1/status/leader").body().contains(SERVER));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> JSON.readTree(server.get("/v1/agent/members").body()).size() == 2);

            // an event fired on the client is listed on the server
            HttpResponse<String> fired = client.put("/v1/event/fire/deploy", "v2");
            assertThat(fired.statusCode()).as(fired.body()).isEqualTo(200);
            JsonNode event = JSON.readTree(fired.body());
            String id = event.get("ID").asText();
            assertThat(event.get("Payload").asText()).isEqualTo("djI=");
            assertThat(event.get("Version").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> list = server.get("/v1/event/list?name=deploy");
                assertThat(JSON.readTree(list.body()).findValuesAsText("ID")).containsExactly(id);
                assertThat(list.headers().firstValue("X-Consul-Index")).contains(consulIndex(id));
            });

            // a list blocked at the current index wakes on the next event
            CompletableFuture<HttpResponse<String>> blocked = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://" + SERVER + ":8500/v1/event/list?name=deploy&wait=60s&index="
                            + consulIndex(id))).timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(blocked).isNotDone();
            String second = JSON.readTree(client.put("/v1/event/fire/deploy", "v3").body()).get("ID").asText();
            HttpResponse<String> woken = blocked.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(JSON.readTree(woken.body()).findValuesAsText("ID")).containsExactly(id, second);

            // the CLI fires one the way consul event does
            AgentProcess.CommandResult cli = AgentProcess.cli("event", "-http-addr=" + CLIENT + ":8500",
                    "-name=cli-deploy", "hello");
            assertThat(cli.exitCode()).as(cli.output()).isZero();
            assertThat(cli.output()).startsWith("Event ID: ");
            String cliId = cli.output().trim().substring("Event ID: ".length());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(JSON.readTree(
                    server.get("/v1/event/list?name=cli-deploy").body()).findValuesAsText("ID")).containsExactly(cliId));

            // metrics, JSON and Prometheus
            client.get("/v1/agent/services");
            JsonNode metrics = JSON.readTree(client.get("/v1/agent/metrics").body());
            assertThat(metrics.get("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000 UTC");
            assertThat(metrics.get("Gauges").findValuesAsText("Name"))
                    .contains("consul.runtime.num_goroutines", "consul.runtime.alloc_bytes", "consul.agent.local.services");
            assertThat(metrics.get("Samples").findValuesAsText("Name")).contains("consul.api.http");
            assertThat(metrics.get("Counters").isArray()).isTrue();
            assertThat(metrics.get("Points").isArray()).isTrue();
            HttpResponse<String> prometheus = client.get("/v1/agent/metrics?format=prometheus");
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            List<String> samples = new ArrayList<>();
            for (String line : prometheus.body().split("\n")) {
                if (!line.startsWith("#")) {
                    assertThat(line).matches(PROMETHEUS_LINE);
                    samples.add(line);
                }
            }
            assertThat(samples).anyMatch(l -> l.startsWith("consul_runtime_num_goroutines "));
            assertThat(samples).anyMatch(l -> l.startsWith("consul_api_http_count{method=\"GET\",path=\"v1_agent_services\"}"));
            assertThat(server.get("/v1/agent/metrics?format=prometheus").statusCode()).isEqualTo(415);

            // ?filter on the agent's endpoints
            assertThat(client.put("/v1/agent/service/register",
                    "{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"blue\"],\"Port\":80,\"Check\":{\"TTL\":\"60s\"}}")
                    .statusCode()).isEqualTo(200);
            assertThat(client.put("/v1/agent/service/register", "{\"ID\":\"db-1\",\"Name\":\"db\",\"Port\":5432}")
                    .statusCode()).isEqualTo(200);
            assertThat(fieldNames(client.get("/v1/agent/services?filter=" + enc("\"blue\" in Tags")).body()))
                    .containsExactly("web-1");
            assertThat(fieldNames(client.get("/v1/agent/services?filter=" + enc("Service != web")).body()))
                    .containsExactly("db-1");
            assertThat(fieldNames(client.get("/v1/agent/checks?filter=" + enc("ServiceID == web-1")).body()))
                    .containsExactly("service:web-1");
            HttpResponse<String> bad = client.get("/v1/agent/services?filter=" + enc("Nope == 1"));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).startsWith("Failed to create boolean expression evaluator");
            assertThat(JSON.readTree(server.get("/v1/agent/members?filter=" + enc("Name == ev-client")).body())
                    .findValuesAsText("Name")).containsExactly("ev-client");

            // ?hash blocks until the service changes
            HttpResponse<String> web = client.get("/v1/agent/service/web-1");
            String hash = web.headers().firstValue("X-Consul-ContentHash").orElseThrow();
            CompletableFuture<HttpResponse<String>> watching = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://" + CLIENT + ":8500/v1/agent/service/web-1?wait=60s&hash=" + hash))
                    .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(client.put("/v1/agent/check/pass/service:web-1", "").statusCode()).isEqualTo(200);
            assertThat(watching).isNotDone();
            assertThat(client.put("/v1/agent/service/register",
                    "{\"ID\":\"web-1\",\"Name\":\"web\",\"Tags\":[\"green\"],\"Port\":80,\"Check\":{\"TTL\":\"60s\"}}")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> changed = watching.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(changed.headers().firstValue("X-Consul-ContentHash")).isPresent().get().isNotEqualTo(hash);
            assertThat(JSON.readTree(changed.body()).get("Tags").get(0).asText()).isEqualTo("green");
        }
    }

    @Test
    void maintenanceModeSurvivesARestart() throws Exception {
        Path dataDir = AgentProcess.tempDataDir("maint");
        String[] flags = {"-dev", "-node", "maint-it", "-bind", SINGLE, "-client", SINGLE, "-data-dir", dataDir.toString()};
        try (AgentProcess agent = AgentProcess.start(SINGLE + ":8500", flags)) {
            agent.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> agent.get("/v1/status/leader").body().length() > 2);
            assertThat(agent.put("/v1/agent/service/register", "{\"ID\":\"api-1\",\"Name\":\"api\",\"Port\":8080}")
                    .statusCode()).isEqualTo(200);
            assertThat(agent.put("/v1/agent/service/maintenance/api-1?enable=true&reason=upgrade", "").statusCode())
                    .isEqualTo(200);
            assertThat(agent.put("/v1/agent/maintenance?enable=true", "").statusCode()).isEqualTo(200);
            assertThat(agent.stop()).isZero();
        }
        try (AgentProcess again = AgentProcess.start(SINGLE + ":8500", flags)) {
            again.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> again.get("/v1/agent/checks").statusCode() == 200);
            JsonNode checks = JSON.readTree(again.get("/v1/agent/checks").body());
            assertThat(checks.path("_service_maintenance:api-1").path("Status").asText()).isEqualTo("critical");
            assertThat(checks.path("_service_maintenance:api-1").path("Notes").asText()).isEqualTo("upgrade");
            assertThat(checks.path("_service_maintenance:api-1").path("Name").asText())
                    .isEqualTo("Service Maintenance Mode");
            assertThat(checks.path("_node_maintenance").path("Status").asText()).isEqualTo("critical");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                    JSON.readTree(again.get("/v1/health/checks/api").body()).findValuesAsText("CheckID"))
                    .contains("_service_maintenance:api-1"));
            assertThat(again.stop()).isZero();
        }
    }

    /** Consul's uuidToUint64: the id's first 16 hex digits XOR its last 16, unsigned. */
    private static String consulIndex(String uuid) {
        String hex = uuid.replace("-", "");
        return Long.toUnsignedString(Long.parseUnsignedLong(hex.substring(0, 16), 16)
                ^ Long.parseUnsignedLong(hex.substring(16), 16));
    }

    private static List<String> fieldNames(String json) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(json).fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
