package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code cairn services register|deregister} with JSON and HCL service files and flags, and
 * {@code cairn maint} on the node and on a service, against a dev agent.
 */
class ServicesCliIT {

    private static final String ADDRESS = "127.0.0.131:8500";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AgentProcess.CommandResult cairn(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(args));
        // the HTTP flag goes after the (sub)command names, before any file argument
        int firstFlagOrFile = command.get(0).equals("services") ? 2 : 1;
        command.add(firstFlagOrFile, "-http-addr=" + ADDRESS);
        return AgentProcess.cli(command.toArray(String[]::new));
    }

    @Test
    void servicesFromFilesAndFlagsThenMaintenance() throws Exception {
        Path dir = AgentProcess.tempDataDir("services-cli");
        Path web = Files.writeString(dir.resolve("web.json"), """
                {"service": {"name": "web", "port": 8080, "tags": ["v1"],
                             "check": {"id": "web-ttl", "ttl": "30s"}}}
                """);
        Path db = Files.writeString(dir.resolve("db.hcl"), """
                services = [
                  { id = "db1", name = "db", port = 5432 },
                  { id = "db2", name = "db", port = 5433 }
                ]
                """);
        try (AgentProcess agent = AgentProcess.start(ADDRESS, "-dev", "-bind", "127.0.0.131", "-client", "127.0.0.131")) {
            agent.awaitRunning();

            AgentProcess.CommandResult registered = cairn("services", "register", web.toString(), db.toString());
            assertThat(registered.exitCode()).as(registered.output()).isZero();
            assertThat(registered.output()).isEqualTo(
                    "Registered service: web\nRegistered service: db\nRegistered service: db\n");
            JsonNode services = JSON.readTree(agent.get("/v1/agent/services").body());
            assertThat(services.path("web").path("Port").asInt()).isEqualTo(8080);
            assertThat(services.path("web").path("Tags").get(0).asText()).isEqualTo("v1");
            assertThat(services.path("db2").path("Port").asInt()).isEqualTo(5433);
            JsonNode ttlCheck = JSON.readTree(agent.get("/v1/agent/checks").body()).path("web-ttl");
            assertThat(ttlCheck.path("ServiceID").asText()).isEqualTo("web");
            assertThat(ttlCheck.path("Type").asText()).isEqualTo("ttl");

            assertThat(cairn("services", "register", "-name=api", "-port=9000", "-tag=blue").output())
                    .isEqualTo("Registered service: api\n");
            assertThat(JSON.readTree(agent.get("/v1/agent/services").body()).path("api").path("Port").asInt())
                    .isEqualTo(9000);

            AgentProcess.CommandResult bad = cairn("services", "register",
                    Files.writeString(dir.resolve("bad.json"), "{\"service\": {\"name\": \"x\", \"prot\": 1}}").toString());
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.output()).startsWith("Error: ").contains("bad.json").contains("prot");

            // maintenance: enabled on the node and on a service, listed, then disabled
            assertThat(cairn("maint").output()).isEmpty();
            assertThat(cairn("maint", "-enable", "-reason=patching").output())
                    .isEqualTo("Node maintenance is now enabled\n");
            assertThat(cairn("maint", "-enable", "-service=web", "-reason=broken").output())
                    .isEqualTo("Service maintenance is now enabled for \"web\"\n");
            String node = JSON.readTree(agent.get("/v1/agent/self").body()).path("Config").path("NodeName").asText();
            assertThat(cairn("maint").output()).contains("""
                    Node:
                      Name:   %s
                      Reason: patching
                    """.formatted(node)).contains("""
                    Service:
                      ID:     web
                      Reason: broken
                    """);
            assertThat(JSON.readTree(agent.get("/v1/agent/checks").body()).path("_service_maintenance:web")
                    .path("Status").asText()).isEqualTo("critical");
            assertThat(cairn("maint", "-disable", "-service=web").output())
                    .isEqualTo("Service maintenance is now disabled for \"web\"\n");
            assertThat(cairn("maint", "-disable").output()).isEqualTo("Node maintenance is now disabled\n");
            assertThat(cairn("maint").output()).isEmpty();
            AgentProcess.CommandResult conflicting = cairn("maint", "-enable", "-disable");
            assertThat(conflicting.exitCode()).isEqualTo(1);
            assertThat(conflicting.output()).isEqualTo("Only one of -enable or -disable may be provided\n");

            // deregistration by file and by id
            assertThat(cairn("services", "deregister", db.toString()).output())
                    .isEqualTo("Deregistered service: db1\nDeregistered service: db2\n");
            assertThat(cairn("services", "deregister", "-id=web").output()).isEqualTo("Deregistered service: web\n");
            assertThat(JSON.readTree(agent.get("/v1/agent/services").body()).fieldNames())
                    .toIterable().containsExactly("api");

            assertThat(agent.stop()).isZero();
        }
    }
}
