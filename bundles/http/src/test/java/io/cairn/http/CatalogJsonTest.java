package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.http.HttpException;

/** The catalog API records come out as Consul's JSON and Consul's register bodies bind to them. */
class CatalogJsonTest {

    private final JsonCodec codec = new JsonCodec();

    private String json(Object value) throws Exception {
        return new String(codec.write(value), StandardCharsets.UTF_8);
    }

    @Test
    void aHealthCheckHasConsulsNamesAndALowerCaseStatus() throws Exception {
        HealthCheck check = HealthCheck.serfHealth("n1", HealthStatus.PASSING, HealthCheck.SERF_HEALTH_ALIVE);
        assertThat(json(check))
                .contains("\"Node\":\"n1\"", "\"CheckID\":\"serfHealth\"", "\"Name\":\"Serf Health Status\"",
                        "\"Status\":\"passing\"", "\"ServiceID\":\"\"", "\"ServiceName\":\"\"", "\"ServiceTags\":[]",
                        "\"Definition\":{}", "\"CreateIndex\":0", "\"ModifyIndex\":0");
    }

    @Test
    void aCatalogServiceIsFlattenedWithServicePrefixedNames() throws Exception {
        Node node = new Node("", "n1", "10.0.0.1", "dc1", Map.of("lan", "10.0.0.1"), Map.of("env", "prod"), 3, 4);
        Service web = Service.of("web-1", "web", List.of("v1"), 8080).withIndexes(5, 6);
        assertThat(json(CatalogService.of(node, web)))
                .contains("\"ID\":\"\"", "\"Node\":\"n1\"", "\"TaggedAddresses\":{\"lan\":\"10.0.0.1\"}",
                        "\"NodeMeta\":{\"env\":\"prod\"}", "\"ServiceID\":\"web-1\"", "\"ServiceName\":\"web\"",
                        "\"ServiceTags\":[\"v1\"]", "\"ServicePort\":8080",
                        "\"ServiceWeights\":{\"Passing\":1,\"Warning\":1}", "\"ServiceEnableTagOverride\":false",
                        "\"CreateIndex\":5", "\"ModifyIndex\":6",
                        // Consul's ServiceNode writes these for a plain service too (no omitempty)
                        "\"ServiceKind\":\"\"", "\"ServiceProxy\":{", "\"MeshGateway\":{}", "\"Expose\":{}",
                        "\"ServiceConnect\":{}");
    }

    @Test
    void aHealthCheckHasConsulsExposedPortAndNoNodeCheckField() throws Exception {
        HealthCheck check = HealthCheck.serfHealth("n1", HealthStatus.PASSING, HealthCheck.SERF_HEALTH_ALIVE);
        assertThat(json(check)).contains("\"ExposedPort\":0").doesNotContain("NodeCheck");
    }

    @Test
    void aServiceInstanceHasConsulsEmptyProxyAndConnect() throws Exception {
        Service web = Service.of("web-1", "web", List.of("v1"), 8080);
        assertThat(json(web)).contains("\"Proxy\":{", "\"MeshGateway\":{}", "\"Expose\":{}", "\"Connect\":{}");
        // the wire-only fields do not get in the way of reading a service back
        Service read = codec.read(codec.write(web), Service.class);
        assertThat(read).isEqualTo(web);
        HealthCheck check = HealthCheck.serfHealth("n1", HealthStatus.PASSING, HealthCheck.SERF_HEALTH_ALIVE);
        assertThat(codec.read(codec.write(check), HealthCheck.class)).isEqualTo(check);
    }

    @Test
    void aRegisterBodyBindsCaseInsensitivelyWithDefaults() throws HttpException {
        String body = """
                {"Datacenter":"dc1","Node":"n1","Address":"10.0.0.1","NodeMeta":{"env":"prod"},
                 "Service":{"ID":"web-1","Service":"web","Tags":["v1"],"Port":8080},
                 "Check":{"Name":"web alive","ServiceID":"web-1","Status":"warning",
                          "Definition":{"HTTP":"http://10.0.0.1:8080/","Interval":"10s"}}}
                """;
        Registration registration = codec.read(body.getBytes(StandardCharsets.UTF_8), Registration.class);
        assertThat(registration.node()).isEqualTo("n1");
        assertThat(registration.nodeMeta()).containsEntry("env", "prod");
        assertThat(registration.service()).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo("web-1");
            assertThat(s.tags()).containsExactly("v1");
            assertThat(s.weights().passing()).isEqualTo(1);
        });
        assertThat(registration.allChecks()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(HealthStatus.WARNING);
            assertThat(c.definition().http()).contains("http://10.0.0.1:8080/");
            assertThat(c.definition().interval()).contains("10s");
        });
    }

    @Test
    void aCheckWithoutStatusIsCriticalAndAnUnknownStatusIsABadRequest() throws HttpException {
        Registration noStatus = codec.read("{\"node\":\"n\",\"check\":{\"name\":\"c\"}}".getBytes(StandardCharsets.UTF_8),
                Registration.class);
        assertThat(noStatus.allChecks()).singleElement().extracting(HealthCheck::status).isEqualTo(HealthStatus.CRITICAL);
        assertThatThrownBy(() -> codec.read("{\"Node\":\"n\",\"Check\":{\"Status\":\"bogus\"}}"
                .getBytes(StandardCharsets.UTF_8), Registration.class))
                .isInstanceOf(HttpException.class)
                .hasMessageStartingWith("Request decode failed:");
    }
}
