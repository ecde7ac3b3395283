package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.api.config.ServiceDefinition;
import io.cairn.config.ConfigLoader;

/** What {@code cairn services register} sends for a service defined in a file or by flags. */
class ServicesCommandTest {

    @Test
    void aFileServiceBecomesTheRegistrationBodyWithGoDurations(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("web.hcl"), """
                service {
                  name = "web"
                  port = 8080
                  tags = ["v1"]
                  check {
                    id = "web-health"
                    http = "http://127.0.0.1:8080/health"
                    interval = "10s"
                    timeout = "1500ms"
                  }
                }
                """);
        ServiceDefinition web = ConfigLoader.serviceDefinitions(List.of(file)).get(0);

        JsonNode body = AgentClient.JSON.readTree(ServicesCommand.registration(web));

        assertThat(body.path("Id").asText()).isEqualTo("web");
        assertThat(body.path("Name").asText()).isEqualTo("web");
        assertThat(body.path("Port").asInt()).isEqualTo(8080);
        assertThat(body.path("Tags").get(0).asText()).isEqualTo("v1");
        assertThat(body.has("Kind")).as("unset fields are left out").isFalse();
        JsonNode check = body.path("Checks").get(0);
        assertThat(check.path("Id").asText()).isEqualTo("web-health");
        assertThat(check.path("Http").asText()).isEqualTo("http://127.0.0.1:8080/health");
        assertThat(check.path("Interval").asText()).isEqualTo("10s");
        assertThat(check.path("Timeout").asText()).isEqualTo("1500ms");
    }

    @Test
    void flagsFillWhatTheFileLeavesUnset() {
        ServiceDefinition file = new ServiceDefinition(null, "web", null, List.of("a"), null, 80, Map.of("k", "file"),
                false, null, null, null);
        ServiceDefinition flags = new ServiceDefinition(null, null, null, List.of("b"), "10.0.0.1", 9090,
                Map.of("k", "flag", "x", "y"), false, null, null, null);

        ServiceDefinition combined = ServicesCommand.withFlags(file, flags);

        assertThat(combined.port()).isEqualTo(80);
        assertThat(combined.address()).isEqualTo("10.0.0.1");
        assertThat(combined.tags()).containsExactly("a", "b");
        assertThat(combined.meta()).containsEntry("k", "flag").containsEntry("x", "y");
    }

    @Test
    void durationsInGoSyntax() {
        assertThat(ServicesCommand.goDuration(Duration.ofMinutes(1))).isEqualTo("60s");
        assertThat(ServicesCommand.goDuration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(ServicesCommand.goDuration(Duration.ofNanos(1500))).isEqualTo("1500ns");
    }

    @Test
    void idsAreOnePathSegment() {
        assertThat(ServicesCommand.pathSegment("scope/web 1")).isEqualTo("scope%2Fweb%201");
    }
}
