package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every endpoint a Consul client reads, answered by a server agent (127.0.0.240) with a client
 * agent joined (127.0.0.241), compared with what Consul answers there
 * ({@code src/test/resources/consul-fixtures/*.json}, see {@link ShapeComparator}): status 200,
 * the headers Consul sends there with plausible values, and not one difference of shape.
 * Every endpoint is checked before the test fails, so one run lists every difference.
 */
class ConsulShapesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER_HTTP = "127.0.0.240:8500";
    private static final String CLIENT_HTTP = "127.0.0.241:8500";

    @Test
    void everyEndpointHasConsulsShapeAndHeaders() throws Exception {
        Path serverData = AgentProcess.tempDataDir("shapes-server");
        Path clientData = AgentProcess.tempDataDir("shapes-client");
        try (AgentProcess server = AgentProcess.start(SERVER_HTTP, "-server", "-bootstrap", "-node", "shapes-server",
                "-bind", "127.0.0.240", "-client", "127.0.0.240", "-data-dir", serverData.toString());
             AgentProcess client = AgentProcess.start(CLIENT_HTTP, Map.of("CAIRN_MAX_MEM", "128m"), "-node",
                     "shapes-client", "-bind", "127.0.0.241", "-client", "127.0.0.241", "-retry-join", "127.0.0.240",
                     "-data-dir", clientData.toString())) {
            server.awaitRunning();
            client.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> server.get("/v1/status/leader").body().length() > 2);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> JSON.readTree(server.get("/v1/agent/members").body()).size() == 2);

            // the data each endpoint shows: a service with a TTL and an HTTP check, a key held by a session, an event
            HttpResponse<String> registered = server.put("/v1/agent/service/register", """
                    {"ID":"web-1","Name":"web","Tags":["v1"],"Address":"127.0.0.240","Port":8080,
                     "Meta":{"env":"prod"},"TaggedAddresses":{"lan":{"Address":"127.0.0.240","Port":8080}},
                     "Checks":[{"TTL":"120s"},
                               {"HTTP":"http://127.0.0.240:8500/v1/status/leader","Interval":"10s","Timeout":"2s"}]}""");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            assertThat(server.put("/v1/agent/check/pass/service:web-1:1", "").statusCode()).isEqualTo(200);
            assertThat(server.put("/v1/kv/shapes/key", "hello").body()).isEqualTo("true");
            HttpResponse<String> created = server.put("/v1/session/create", "{\"Name\":\"shapes\",\"TTL\":\"600s\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            String session = JSON.readTree(created.body()).path("ID").asText();
            assertThat(server.put("/v1/kv/shapes/key?acquire=" + session, "held").body()).isEqualTo("true");
            assertThat(server.put("/v1/event/fire/deploy", "payload").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode health = JSON.readTree(server.get("/v1/health/service/web").body());
                assertThat(health.path(0).path("Checks").size()).as(health.toString()).isEqualTo(3);
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(JSON.readTree(server.get("/v1/event/list").body()).size()).isEqualTo(1));

            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            answers.put("agent-self", server.get("/v1/agent/self"));
            answers.put("agent-members", client.get("/v1/agent/members"));
            answers.put("agent-services", server.get("/v1/agent/services"));
            answers.put("agent-service", server.get("/v1/agent/service/web-1"));
            answers.put("agent-checks", server.get("/v1/agent/checks"));
            answers.put("catalog-datacenters", server.get("/v1/catalog/datacenters"));
            answers.put("catalog-services", server.get("/v1/catalog/services"));
            answers.put("catalog-nodes", server.get("/v1/catalog/nodes"));
            answers.put("catalog-node", server.get("/v1/catalog/node/shapes-server"));
            answers.put("catalog-service", server.get("/v1/catalog/service/web"));
            answers.put("health-service", server.get("/v1/health/service/web"));
            answers.put("health-checks", server.get("/v1/health/checks/web"));
            answers.put("health-node", server.get("/v1/health/node/shapes-server"));
            answers.put("health-state-any", server.get("/v1/health/state/any"));
            answers.put("kv-key", server.get("/v1/kv/shapes/key"));
            answers.put("kv-keys", server.get("/v1/kv/?keys"));
            answers.put("session-info", server.get("/v1/session/info/" + session));
            answers.put("session-list", server.get("/v1/session/list"));
            answers.put("status-leader", server.get("/v1/status/leader"));
            answers.put("status-peers", server.get("/v1/status/peers"));
            answers.put("event-list", server.get("/v1/event/list"));
            answers.put("txn-read", server.put("/v1/txn", "[{\"KV\":{\"Verb\":\"get\",\"Key\":\"shapes/key\"}}]"));
            answers.put("operator-raft-configuration", server.get("/v1/operator/raft/configuration"));

            Set<String> problems = new LinkedHashSet<>();
            for (Map.Entry<String, HttpResponse<String>> answer : answers.entrySet()) {
                problems.addAll(check(answer.getKey(), answer.getValue()));
            }
            assertThat(problems).as("differences from Consul's answers").isEmpty();
        }
    }

    /** What differs between one answer and its fixture: status, headers, shape. */
    private static List<String> check(String fixtureName, HttpResponse<String> response) throws IOException {
        JsonNode fixture = fixture(fixtureName);
        String where = fixtureName + " (" + fixture.path("endpoint").asText() + ")";
        List<String> problems = new ArrayList<>();
        if (response.statusCode() != 200) {
            problems.add(where + ": status " + response.statusCode() + ": " + response.body());
            return problems;
        }
        for (JsonNode header : fixture.path("headers")) {
            Optional<String> value = response.headers().firstValue(header.asText());
            if (value.isEmpty()) {
                problems.add(where + ": header " + header.asText() + " missing");
            } else if (!plausible(header.asText(), value.get())) {
                problems.add(where + ": header " + header.asText() + ": implausible " + value.get());
            }
        }
        JsonNode actual = JSON.readTree(response.body());
        if (actual == null || actual.isMissingNode() || (actual.isContainerNode() && actual.isEmpty())) {
            problems.add(where + ": an empty answer shows no shape: " + response.body());
        }
        ShapeComparator.of(fixture).compare(fixture.path("body"), actual)
                .forEach(d -> problems.add(where + ": " + d));
        return problems;
    }

    static boolean plausible(String header, String value) {
        switch (header) {
            case "Content-Type":
                return value.startsWith("application/json");
            case "X-Consul-Index":
                try {
                    return Long.compareUnsigned(Long.parseUnsignedLong(value), 1) >= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            case "X-Consul-KnownLeader":
                return value.equals("true");
            case "X-Consul-LastContact":
                return value.matches("\\d+");
            case "X-Consul-Effective-Consistency":
                return Set.of("leader", "stale", "consistent").contains(value);
            case "X-Consul-Default-Acl-Policy":
                return Set.of("allow", "deny").contains(value);
            case "X-Consul-ContentHash":
                return value.matches("[0-9a-f]+");
            default:
                return !value.isEmpty();
        }
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ConsulShapesIT.class.getResourceAsStream("/consul-fixtures/" + name + ".json")) {
            assertThat(in).as("fixture " + name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
