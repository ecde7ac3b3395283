package io.cairn.api.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.catalog.Weights;

/** Consul's filter expressions, table-tested against the records the endpoints answer with. */
class FilterTest {

    private static final Node NODE = new Node("", "n1", "10.0.0.1", "dc1", Map.of(), Map.of("env", "prod"), 1, 1);
    private static final Service WEB = new Service(Optional.empty(), "web-1", "web", List.of("v1", "primary"), "",
            Map.of(), Map.of("version", "1.2"), 8080, Weights.DEFAULT, false, 2, 2);
    private static final CatalogService INSTANCE = CatalogService.of(NODE, WEB);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "ServiceName == \"web\"                           | true",
            "ServiceName == web                              | true",
            "ServiceName != \"web\"                           | false",
            "serviceid == `web-1`                            | true",
            "\"v1\" in ServiceTags                            | true",
            "\"v2\" in ServiceTags                            | false",
            "\"v2\" not in ServiceTags                        | true",
            "ServiceTags contains \"primary\"                 | true",
            "ServiceTags not contains \"primary\"             | false",
            "NodeMeta.env == \"prod\"                         | true",
            "NodeMeta.absent == \"\"                          | true",
            "ServiceMeta.version == \"1.2\" and Node == n1    | true",
            "Node != n1 or ServicePort == 8080               | true",
            "not (Node == n1 and ServicePort == 8080)        | false",
            "not Node == n2                                  | true",
            "ServiceAddress is empty                         | true",
            "ServiceTags is not empty                        | true",
            "\"env\" in NodeMeta                              | true",
            "Node matches \"^n[0-9]$\"                        | true",
            "Node not matches \"^db\"                         | true",
            "ServiceEnableTagOverride == false               | true",
            "ServiceWeights.Passing == 1                     | true",
            "(Node == n2 or Node == n1) and \"v1\" in ServiceTags | true",
    })
    void evaluatesAgainstACatalogService(String expression, boolean expected) throws Exception {
        assertThat(Filter.parse(expression, CatalogService.class).matches(INSTANCE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Service.Service == web                    | true",
            "\"primary\" in Service.Tags                | true",
            "Node.Meta.env == prod                     | true",
            "Checks is empty                           | true",
            "Node.Node == n2                           | false",
    })
    void stepsIntoNestedRecords(String expression, boolean expected) throws Exception {
        ServiceInstance instance = new ServiceInstance(NODE, WEB, List.of());
        assertThat(Filter.parse(expression, ServiceInstance.class).matches(instance)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Status == passing                 | true",
            "Status == critical                | false",
            "CheckID == serfHealth and ServiceID is empty | true",
    })
    void comparesStatusesByTheirWireName(String expression, boolean expected) throws Exception {
        HealthCheck serf = HealthCheck.serfHealth("n1", HealthStatus.PASSING, HealthCheck.SERF_HEALTH_ALIVE);
        assertThat(Filter.parse(expression, HealthCheck.class).matches(serf)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Bogus == 1                | Selector \"Bogus\" is not valid",
            "NodeMeta.env.deeper == 1  | Selector \"NodeMeta.env.deeper\" is not valid",
            "Node ==                   | unexpected end of expression",
            "Node = n1                 | unexpected",
            "(Node == n1               | unexpected end of expression",
            "Node == n1 )              | unexpected \")\"",
            "Node == \"n1              | unterminated string",
            "Node like n1              | unknown operator \"like\"",
            "Node matches \"[\"         | invalid regular expression",
    })
    void aBadExpressionIsRefusedWithConsulsPrefix(String expression, String detail) {
        assertThatThrownBy(() -> Filter.parse(expression, CatalogService.class))
                .isInstanceOf(Filter.InvalidFilterException.class)
                .hasMessageStartingWith("Failed to create boolean expression evaluator: ")
                .hasMessageContaining(detail);
    }

    @org.junit.jupiter.api.Test
    void appliesToAListInOrder() throws Exception {
        CatalogService other = CatalogService.of(NODE, Service.of("db-1", "db", List.of(), 5432));
        assertThat(Filter.parse("ServiceName != db", CatalogService.class).apply(List.of(INSTANCE, other)))
                .containsExactly(INSTANCE);
    }
}
