package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.Weights;
import io.cairn.api.http.HttpException;

/** Registration semantics of Consul's agent (consul-compat §1.2), TTL checks, maintenance, reload, restart. */
class LocalAgentTest {

    @TempDir
    Path dataDir;
    TestAgent t;

    @BeforeEach
    void setUp() throws Exception {
        t = TestAgent.start(dataDir);
    }

    static AgentCheckRegistration ttlCheck(String ttl) {
        return check(null, null, ttl, null);
    }

    static AgentCheckRegistration check(String id, String name, String ttl, String status) {
        return new AgentCheckRegistration(id, null, name, null, null, status, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, ttl, null, null, null, null, null);
    }

    static AgentServiceRegistration service(String id, String name, AgentCheckRegistration check,
                                            List<AgentCheckRegistration> checks) {
        return new AgentServiceRegistration(null, id, name, List.of("v1"), 8080, "10.0.0.5", null, null,
                Map.of("env", "prod"), null, check, checks);
    }

    private HealthCheck check(String id) {
        return t.state.check(id).orElseThrow().check();
    }

    @Test
    void idDefaultsToNameAndWeightsToOneAndOne() throws Exception {
        t.agent.registerService(service(null, "web", null, null), false);

        Service web = t.state.service("web").orElseThrow();
        assertThat(web.service()).isEqualTo("web");
        assertThat(web.weights()).isEqualTo(new Weights(1, 1));
        assertThat(web.meta()).containsEntry("env", "prod");
    }

    @Test
    void aSingleCheckIsServiceIdCriticalWithTheDefaultName() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);

        HealthCheck c = check("service:web-1");
        assertThat(c.name()).isEqualTo("Service 'web' check");
        assertThat(c.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(c.serviceId()).isEqualTo("web-1");
        assertThat(c.serviceName()).isEqualTo("web");
        assertThat(c.type()).isEqualTo("ttl");
    }

    @Test
    void severalChecksAreNumberedFromOneAndMayStartWithAStatus() throws Exception {
        t.agent.registerService(service("web-1", "web", null,
                List.of(check(null, null, "10s", "passing"), check(null, "mine", "10s", null))), false);

        assertThat(check("service:web-1:1").status()).isEqualTo(HealthStatus.PASSING);
        assertThat(check("service:web-1:2").name()).isEqualTo("mine");
        assertThat(t.state.checks()).doesNotContainKey("service:web-1");
    }

    @Test
    void reRegisteringKeepsTheStatusOfExistingChecks() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        t.agent.updateTtl("service:web-1", HealthStatus.PASSING, "ok");

        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);

        assertThat(check("service:web-1").status()).isEqualTo(HealthStatus.PASSING);
        assertThat(check("service:web-1").output()).isEqualTo("ok");
    }

    @Test
    void replaceExistingChecksDropsChecksNotInTheNewRegistration() throws Exception {
        t.agent.registerService(service("web-1", "web", null,
                List.of(check("a", "a", "10s", null), check("b", "b", "10s", null))), false);

        t.agent.registerService(service("web-1", "web", check("a", "a", "10s", null), null), false);
        assertThat(t.state.checks()).containsKeys("a", "b");

        t.agent.registerService(service("web-1", "web", check("a", "a", "10s", null), null), true);
        assertThat(t.state.checks()).containsKey("a").doesNotContainKey("b");
    }

    @Test
    void badRegistrationsAreRefusedWithConsulsMessages() {
        assertThatThrownBy(() -> t.agent.registerService(service("x", null, null, null), false))
                .hasMessage("Missing service name");
        assertThatThrownBy(() -> t.agent.registerService(service("x", "x", check(null, "x", null, null), null), false))
                .hasMessage("Invalid check: TTL must be > 0 for TTL checks");
        assertThatThrownBy(() -> t.agent.registerService(service("x", "x", check(null, null, "10s", "bogus"), null), false))
                .hasMessage("Status for checks must 'passing', 'warning', 'critical'");
        assertThatThrownBy(() -> t.agent.registerService(service("x", "x", ttlCheck("ten"), null), false))
                .hasMessage("Request decode failed: time: invalid duration \"ten\"");
        assertThat(t.state.services()).isEmpty();
    }

    @Test
    void scriptChecksOverHttpAreRefusedWith403UnlessEnabled() throws Exception {
        AgentCheckRegistration script = new AgentCheckRegistration(null, null, null, null, null, null,
                List.of("/bin/true"), null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, "10s", null, null, null, null, null, null, null);

        assertThatThrownBy(() -> t.agent.registerService(service("x", "x", script, null), false))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("Scripts are disabled on this agent from remote calls");
        assertThat(t.state.services()).isEmpty();

        Path other = dataDir.resolve("other");
        java.nio.file.Files.createDirectories(other.resolve("config.d"));
        java.nio.file.Files.writeString(other.resolve("config.d/scripts.json"), "{\"enable_script_checks\": true}");
        TestAgent allowed = TestAgent.start(other);
        allowed.agent.registerService(service("x", "x", script, null), false);
        assertThat(allowed.state.checks()).containsKey("service:x");
    }

    @Test
    void ttlPassWarnFailAndExpiry() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);

        t.agent.updateTtl("service:web-1", HealthStatus.PASSING, "I am fine");
        assertThat(check("service:web-1").status()).isEqualTo(HealthStatus.PASSING);

        t.timers.advance(Duration.ofSeconds(29));
        assertThat(check("service:web-1").status()).isEqualTo(HealthStatus.PASSING);
        t.agent.updateTtl("service:web-1", HealthStatus.WARNING, "");
        t.timers.advance(Duration.ofSeconds(29));
        assertThat(check("service:web-1").status()).isEqualTo(HealthStatus.WARNING);

        t.timers.advance(Duration.ofSeconds(2));
        assertThat(check("service:web-1").status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(check("service:web-1").output()).isEqualTo("TTL expired");
    }

    @Test
    void expiryKeepsTheLastOutput() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("10s"), null), false);
        t.agent.updateTtl("service:web-1", HealthStatus.PASSING, "load 0.3");
        t.timers.advance(Duration.ofSeconds(11));
        assertThat(check("service:web-1").output())
                .isEqualTo("TTL expired (last output before timeout follows): load 0.3");
    }

    @Test
    void updatingAnUnknownOrNonTtlCheckIs404WithConsulsHint() throws Exception {
        assertThatThrownBy(() -> t.agent.updateTtl("nope", HealthStatus.PASSING, ""))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name.");
    }

    @Test
    void aHealthyTtlCheckStaysPassingAcrossARestart() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        t.agent.updateTtl("service:web-1", HealthStatus.PASSING, "ok");
        t.timers.advance(Duration.ofSeconds(10));

        TestAgent again = t.restart();

        assertThat(again.state.check("service:web-1").orElseThrow().check().status()).isEqualTo(HealthStatus.PASSING);
        // still expires on the schedule it had: 30 s after the last pass
        again.timers.advance(Duration.ofSeconds(19));
        assertThat(again.state.check("service:web-1").orElseThrow().check().status()).isEqualTo(HealthStatus.PASSING);
        again.timers.advance(Duration.ofSeconds(2));
        assertThat(again.state.check("service:web-1").orElseThrow().check().status()).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void anExpiredTtlStateIsNotRestored() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        t.agent.updateTtl("service:web-1", HealthStatus.PASSING, "ok");
        t.agent.close();
        t.timers.advance(Duration.ofSeconds(31));

        TestAgent again = t.restart();

        assertThat(again.state.check("service:web-1").orElseThrow().check().status()).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void deregisteredServicesDoNotComeBackAfterARestart() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        t.agent.registerService(service("web-2", "web", null, null), false);
        t.agent.deregisterService("web-2");

        TestAgent again = t.restart();

        assertThat(again.state.services()).containsOnlyKeys("web-1");
        assertThat(again.state.checks()).containsOnlyKeys("service:web-1");
    }

    @Test
    void deregisteringAServiceRemovesItsChecksAndUnknownIdsAreFine() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        t.agent.deregisterService("web-1");
        t.agent.deregisterService("never-there");
        assertThat(t.state.services()).isEmpty();
        assertThat(t.state.checks()).isEmpty();
    }

    @Test
    void checkRegisterNeedsANameAndAnExistingService() throws Exception {
        assertThatThrownBy(() -> t.agent.registerCheck(check("c", null, "10s", null))).hasMessage("Missing check name");
        AgentCheckRegistration ofMissing = new AgentCheckRegistration(null, null, "mem", null, "ghost", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                "10s", null, null, null, null, null);
        assertThatThrownBy(() -> t.agent.registerCheck(ofMissing))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("ServiceID \"ghost\" does not exist");

        t.agent.registerCheck(check(null, "mem", "10s", null));
        assertThat(check("mem").isNodeCheck()).isTrue();
    }

    @Test
    void maintenanceAddsACriticalCheckAndRemovesIt() throws Exception {
        t.agent.registerService(service("web-1", "web", null, null), false);

        t.agent.serviceMaintenance("web-1", true, "");
        HealthCheck m = check("_service_maintenance:web-1");
        assertThat(m.name()).isEqualTo("Service Maintenance Mode");
        assertThat(m.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(m.notes()).startsWith("Maintenance mode is enabled for this service");
        t.agent.serviceMaintenance("web-1", false, "");
        assertThat(t.state.checks()).isEmpty();

        t.agent.nodeMaintenance(true, "patching");
        assertThat(check("_node_maintenance").name()).isEqualTo("Node Maintenance Mode");
        assertThat(check("_node_maintenance").notes()).isEqualTo("patching");

        assertThatThrownBy(() -> t.agent.serviceMaintenance("ghost", true, ""))
                .hasMessage("No service registered with ID \"ghost\"");
    }

    @Test
    void maintenanceModeSurvivesARestartWithItsReason() throws Exception {
        t.agent.registerService(service("web-1", "web", null, null), false);
        t.agent.serviceMaintenance("web-1", true, "deploy 42");
        t.agent.nodeMaintenance(true, "");

        TestAgent again = t.restart();

        HealthCheck service = again.state.check("_service_maintenance:web-1").orElseThrow().check();
        assertThat(service.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(service.notes()).isEqualTo("deploy 42");
        assertThat(service.serviceName()).isEqualTo("web");
        assertThat(again.state.check("_node_maintenance").orElseThrow().check().notes())
                .startsWith("Maintenance mode is enabled for this node");

        again.agent.serviceMaintenance("web-1", false, "");
        again.agent.nodeMaintenance(false, "");
        TestAgent third = again.restart();
        assertThat(third.state.checks()).doesNotContainKeys("_service_maintenance:web-1", "_node_maintenance");
    }

    @Test
    void maintenanceOfAConfigFileServiceSurvivesReloadAndRestartButNotItsRemoval() throws Exception {
        t.reloadWith("{\"services\": [{\"name\": \"db\", \"check\": {\"ttl\": \"30s\"}}]}");
        t.agent.serviceMaintenance("db", true, "backup");

        t.reloadWith("{\"services\": [{\"name\": \"db\", \"check\": {\"ttl\": \"30s\"}}]}");
        assertThat(t.state.checks()).containsKey("_service_maintenance:db");
        TestAgent again = t.restart();
        assertThat(again.state.check("_service_maintenance:db").orElseThrow().check().notes()).isEqualTo("backup");

        again.reloadWith("{}");
        assertThat(again.state.checks()).doesNotContainKey("_service_maintenance:db");
        assertThat(again.restart().state.checks()).doesNotContainKey("_service_maintenance:db");
    }

    @Test
    void maintenanceOfADeregisteredServiceIsNotRestored() throws Exception {
        t.agent.registerService(service("web-1", "web", null, null), false);
        t.agent.serviceMaintenance("web-1", true, "x");
        t.agent.deregisterService("web-1");

        assertThat(t.restart().state.checks()).isEmpty();
    }

    @Test
    void configFileServicesComeAndGoOnReloadWithoutTouchingApiOnes() throws Exception {
        t.agent.registerService(service("api-1", "api", null, null), false);
        t.reloadWith("""
                {"services": [{"name": "db", "port": 5432, "check": {"ttl": "30s"}},
                              {"name": "cache"}]}""");
        assertThat(t.state.services()).containsOnlyKeys("api-1", "db", "cache");
        assertThat(t.state.checks()).containsKey("service:db");
        t.agent.updateTtl("service:db", HealthStatus.PASSING, "");

        t.reloadWith("""
                {"services": [{"name": "db", "port": 5433, "check": {"ttl": "30s"}}]}""");

        assertThat(t.state.services()).containsOnlyKeys("api-1", "db");
        assertThat(t.state.service("db").orElseThrow().port()).isEqualTo(5433);
        assertThat(check("service:db").status()).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void aServiceCriticalForLongerThanDeregisterCriticalServiceAfterIsReaped() throws Exception {
        AgentCheckRegistration reaped = new AgentCheckRegistration(null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                "10s", "30s", null, null, null, null);
        t.agent.registerService(service("web-1", "web", reaped, null), false);

        // 30 s asked for, but a minute is the least Consul waits
        t.timers.advance(Duration.ofSeconds(45));
        t.agent.reapCriticalServices();
        assertThat(t.state.services()).containsKey("web-1");

        t.timers.advance(Duration.ofSeconds(20));
        t.agent.reapCriticalServices();
        assertThat(t.state.services()).isEmpty();
    }
}
