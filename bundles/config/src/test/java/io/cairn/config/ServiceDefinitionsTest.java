package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.ConfigException;
import io.cairn.api.config.ServiceDefinition;

/** {@link ConfigLoader#serviceDefinitions}: the services of files in agent-config syntax, for {@code cairn services}. */
class ServiceDefinitionsTest {

    @TempDir
    Path dir;

    @Test
    void readsServiceAndServicesFromJsonAndHclInOrder() throws Exception {
        Path json = write("web.json", """
                {"service": {"name": "web", "port": 80, "tags": ["v1"], "check": {"ttl": "30s"}}}
                """);
        Path hcl = write("db.hcl", """
                services = [
                  { id = "db1", name = "db", port = 5432 },
                  { name = "cache", meta = { tier = "hot" } }
                ]
                """);

        List<ServiceDefinition> services = ConfigLoader.serviceDefinitions(List.of(json, hcl));

        assertThat(services).extracting(ServiceDefinition::id).containsExactly("web", "db1", "cache");
        assertThat(services.get(0).tags()).containsExactly("v1");
        assertThat(services.get(0).checks()).singleElement()
                .satisfies(check -> assertThat(check.ttl()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(services.get(1).port()).isEqualTo(5432);
        assertThat(services.get(2).meta()).containsEntry("tier", "hot");
    }

    @Test
    void grpcAndH2pingChecksKeepTheirTlsFlagsAndH2pingUsesTlsUnlessToldNot() throws Exception {
        Path json = write("api.json", """
                {"service": {"name": "api", "checks": [
                  {"grpc": "127.0.0.1:9090/api", "grpc_use_tls": true, "interval": "5s"},
                  {"h2ping": "127.0.0.1:9091", "interval": "5s"},
                  {"h2ping": "127.0.0.1:9092", "h2ping_use_tls": false, "interval": "5s"}]}}
                """);

        var checks = ConfigLoader.serviceDefinitions(List.of(json)).get(0).checks();

        assertThat(checks.get(0).grpcUseTls()).isTrue();
        assertThat(checks.get(1).h2pingUseTls()).isTrue();
        assertThat(checks.get(2).h2pingUseTls()).isFalse();
    }

    @Test
    void aFileWithOtherKeysOnlyDefinesNoService() throws Exception {
        assertThat(ConfigLoader.serviceDefinitions(List.of(write("agent.json", "{\"datacenter\": \"dc2\"}")))).isEmpty();
    }

    @Test
    void problemsNameTheFileAndKey() throws Exception {
        Path bad = write("bad.json", "{\"service\": {\"name\": \"web\", \"prot\": 80}}");

        List<String> problems = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.serviceDefinitions(List.of(bad, dir.resolve("missing.hcl")))).problems();

        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("bad.json").contains("prot"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("missing.hcl").contains("no such file"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
