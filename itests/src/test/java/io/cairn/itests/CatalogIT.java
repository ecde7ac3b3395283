package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The catalog as a client meets it on a dev agent: register through /v1/catalog, read back catalog and health. */
class CatalogIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTTP = "127.0.0.20:8500";

    @Test
    void registerThenReadBackAsAClientWould() throws Exception {
        try (AgentProcess agent = AgentProcess.start(HTTP, "-dev", "-bind", "127.0.0.20", "-client", "127.0.0.20",
                "-node", "cat-dev")) {
            agent.awaitRunning();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(JSON.readTree(agent.get("/v1/catalog/services").body()).has("consul")).isTrue());
            assertThat(agent.get("/v1/catalog/datacenters").body()).isEqualTo("[\"dc1\"]");
            JsonNode serf = JSON.readTree(agent.get("/v1/health/node/cat-dev").body()).get(0);
            assertThat(serf.path("CheckID").asText()).isEqualTo("serfHealth");
            assertThat(serf.path("Status").asText()).isEqualTo("passing");
            assertThat(serf.path("Output").asText()).isEqualTo("Agent alive and reachable");

            HttpResponse<String> registered = agent.put("/v1/catalog/register", """
                    {"Datacenter":"dc1","Node":"ext-1","Address":"10.1.0.1","NodeMeta":{"env":"prod"},
                     "Service":{"ID":"web-1","Service":"web","Tags":["v1","primary"],"Port":8080},
                     "Check":{"CheckID":"web-1-http","Name":"web alive","ServiceID":"web-1","Status":"passing"}}
                    """);
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.body()).isEqualTo("true");
            agent.put("/v1/catalog/register", """
                    {"Node":"ext-2","Address":"10.1.0.2","Service":{"Service":"web","Tags":["v1"],"Port":8080},
                     "Check":{"Name":"web dead","ServiceID":"web","Status":"critical"}}
                    """);

            HttpResponse<String> services = agent.get("/v1/catalog/services");
            assertThat(JSON.readTree(services.body()).path("consul").isEmpty()).isTrue();
            assertThat(JSON.readTree(services.body()).path("web")).hasSize(2);
            assertThat(Long.parseLong(services.headers().firstValue("X-Consul-Index").orElseThrow())).isPositive();

            JsonNode instances = JSON.readTree(agent.get("/v1/catalog/service/web?tag=primary").body());
            assertThat(instances).hasSize(1);
            JsonNode web1 = instances.get(0);
            assertThat(web1.path("Node").asText()).isEqualTo("ext-1");
            assertThat(web1.path("ServiceID").asText()).isEqualTo("web-1");
            assertThat(web1.path("ServiceName").asText()).isEqualTo("web");
            assertThat(web1.path("ServicePort").asInt()).isEqualTo(8080);
            assertThat(web1.path("NodeMeta").path("env").asText()).isEqualTo("prod");
            assertThat(web1.path("ServiceWeights").path("Passing").asInt()).isEqualTo(1);

            JsonNode passing = JSON.readTree(agent.get("/v1/health/service/web?passing").body());
            assertThat(passing).hasSize(1);
            assertThat(passing.get(0).path("Node").path("Node").asText()).isEqualTo("ext-1");
            assertThat(passing.get(0).path("Service").path("Tags")).hasSize(2);
            assertThat(passing.get(0).path("Checks").get(0).path("ServiceName").asText()).isEqualTo("web");
            assertThat(JSON.readTree(agent.get("/v1/health/service/web").body())).hasSize(2);
            assertThat(JSON.readTree(agent.get("/v1/health/state/critical").body()).get(0).path("CheckID").asText())
                    .isEqualTo("web dead");
            JsonNode filtered = JSON.readTree(agent.get("/v1/catalog/nodes?filter=Meta.env%20%3D%3D%20prod").body());
            assertThat(filtered).hasSize(1);
            assertThat(agent.get("/v1/catalog/nodes?filter=Nope%20%3D%3D%201").statusCode()).isEqualTo(400);
            assertThat(agent.put("/v1/catalog/register", "{\"Address\":\"10.0.0.1\"}").body()).isEqualTo("Must provide node");
            assertThat(agent.get("/v1/catalog/node/absent").body()).isEqualTo("null");

            AgentProcess.CommandResult listed = AgentProcess.cli("catalog", "services", "-http-addr", HTTP);
            assertThat(listed.exitCode()).isZero();
            assertThat(listed.output()).isEqualTo("consul\nweb\n");
            AgentProcess.CommandResult nodes = AgentProcess.cli("catalog", "nodes", "-http-addr", HTTP);
            assertThat(nodes.exitCode()).isZero();
            assertThat(nodes.output().lines().findFirst().orElseThrow()).matches("Node +ID +Address +DC");
            assertThat(nodes.output()).contains("cat-dev", "127.0.0.20", "ext-1", "10.1.0.1");

            assertThat(agent.put("/v1/catalog/deregister", "{\"Node\":\"ext-2\"}").body()).isEqualTo("true");
            assertThat(JSON.readTree(agent.get("/v1/health/service/web").body())).hasSize(1);
            assertThat(agent.stop()).isZero();
        }
    }
}
