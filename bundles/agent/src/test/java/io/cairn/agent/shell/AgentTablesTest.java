package io.cairn.agent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.Weights;

/** What {@code cairn:services} and {@code cairn:checks} print. */
class AgentTablesTest {

    @Test
    void servicesSortedByIdWithSortedTags() {
        String table = AgentTables.services(List.of(
                new Service(Optional.empty(), "web2", "web", List.of("v2", "blue"), "10.0.0.2", Map.of(), Map.of(), 80,
                        new Weights(1, 1), false, 0, 0),
                new Service(Optional.empty(), "db", "db", List.of(), "", Map.of(), Map.of(), 5432,
                        new Weights(1, 1), false, 0, 0)));

        assertThat(table).isEqualTo("""
                ID    Service  Address   Port  Tags
                db    db                 5432
                web2  web      10.0.0.2  80    blue,v2
                """);
    }

    @Test
    void checksWithTheirStatusAndFirstOutputLine() {
        String table = AgentTables.checks(List.of(
                new HealthCheck("n1", "service:web", "Service 'web' check", HealthStatus.CRITICAL, "",
                        "HTTP GET http://x: 500\nbody", "web", "web", List.of(), "http", null, 0, 0)));

        assertThat(table).isEqualTo("""
                CheckID      Name                 Status    ServiceID  Output
                service:web  Service 'web' check  critical  web        HTTP GET http://x: 500
                """);
    }
}
