package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.metrics.Metrics;
import io.cairn.http.MetricsRegistry;

/** The agent's gauges follow its local state, and go when the agent stops. */
class AgentGaugesTest {

    @TempDir
    Path dataDir;

    @Test
    void servicesAndChecksAreCountedAsTheyAre() throws Exception {
        TestAgent t = TestAgent.start(dataDir);
        MetricsRegistry registry = new MetricsRegistry(Clock.systemUTC());
        List<Metrics.Registration> registrations = AgentGauges.register(registry, t.state);

        t.agent.registerService(LocalAgentTest.service("w1", "web", LocalAgentTest.check(null, null, "30s", null),
                null), false);
        t.agent.registerService(LocalAgentTest.service("db", "db", null, null), false);
        t.agent.updateTtl("service:w1", io.cairn.api.catalog.HealthStatus.PASSING, "");

        assertThat(registry.prometheus("consul"))
                .contains("consul_agent_local_services 2\n")
                .contains("consul_agent_local_checks 1\n")
                .contains("consul_agent_local_check_status{status=\"passing\"} 1\n")
                .contains("consul_agent_local_check_status{status=\"critical\"} 0\n");

        registrations.forEach(Metrics.Registration::remove);
        assertThat(registry.summary("consul").gauges()).isEmpty();
    }
}
