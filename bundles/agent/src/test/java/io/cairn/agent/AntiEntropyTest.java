package io.cairn.agent;

import static io.cairn.agent.LocalAgentTest.service;
import static io.cairn.agent.LocalAgentTest.ttlCheck;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;

/** The catalog follows the agent: pushed at once, drift repaired both ways by full syncs. */
class AntiEntropyTest {

    @TempDir
    Path dataDir;
    TestAgent t;
    FakeCatalog catalog;

    @BeforeEach
    void setUp() throws Exception {
        t = TestAgent.start(dataDir);
        catalog = t.catalog;
    }

    @Test
    void aRegistrationIsInTheCatalogWhenTheCallReturns() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false).toCompletableFuture().get();

        assertThat(catalog.servicesOf("node1")).containsKey("web-1");
        assertThat(catalog.status("node1", "service:web-1")).contains(HealthStatus.CRITICAL);

        t.agent.updateTtl("service:web-1", HealthStatus.PASSING, "").toCompletableFuture().get();
        assertThat(catalog.status("node1", "service:web-1")).contains(HealthStatus.PASSING);

        t.agent.deregisterService("web-1").toCompletableFuture().get();
        assertThat(catalog.servicesOf("node1")).isEmpty();
        assertThat(catalog.checksOf("node1")).isEmpty();
    }

    @Test
    void theNodeRegistersWithItsAddressTaggedAddressesAndMeta() throws Exception {
        t.antiEntropy.fullSync();

        Node node = catalog.nodes.get("node1");
        assertThat(node.address()).isEqualTo("127.0.0.90");
        assertThat(node.taggedAddresses()).containsEntry("lan", "127.0.0.90").containsEntry("wan", "127.0.0.90");
        assertThat(node.id()).isEqualTo(t.config.get().nodeId());
    }

    @Test
    void aServiceDeletedFromTheCatalogBehindTheAgentsBackComesBack() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        catalog.deregister(Deregistration.service("node1", "web-1"));

        t.antiEntropy.fullSync();

        assertThat(catalog.servicesOf("node1")).containsKey("web-1");
        assertThat(catalog.checksOf("node1")).containsKey("service:web-1");
    }

    @Test
    void aServiceOnlyTheCatalogHasIsRemovedButNotServersOwnConsulServiceNorSerfHealth() throws Exception {
        t.antiEntropy.fullSync();
        Node node = catalog.nodes.get("node1");
        catalog.register(Registration.node(node, List.of(HealthCheck.serfHealth("node1", HealthStatus.PASSING, "alive")))
                .withService(Service.of("zombie", "zombie", List.of(), 1)));
        catalog.register(Registration.node(node, List.of()).withService(Service.of("consul", "consul", List.of(), 8300)));

        t.antiEntropy.fullSync();

        assertThat(catalog.servicesOf("node1")).containsOnlyKeys("consul");
        assertThat(catalog.checksOf("node1")).containsOnlyKeys("serfHealth");
    }

    @Test
    void aChangedServiceOrCheckInTheCatalogIsPutBack() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        HealthCheck pushed = catalog.checksOf("node1").get("service:web-1");
        Node node = catalog.nodes.get("node1");
        catalog.register(Registration.node(node, List.of(new HealthCheck("node1", "service:web-1", pushed.name(),
                HealthStatus.PASSING, "", "", "web-1", "", List.of(), "", pushed.definition(), 0, 0)))
                .withService(Service.of("web-1", "web", List.of("hacked"), 1)));

        t.antiEntropy.fullSync();

        assertThat(catalog.servicesOf("node1").get("web-1").tags()).containsExactly("v1");
        assertThat(catalog.status("node1", "service:web-1")).contains(HealthStatus.CRITICAL);
    }

    @Test
    void aFullSyncInSyncWritesNothing() throws Exception {
        t.agent.registerService(service("web-1", "web", ttlCheck("30s"), null), false);
        t.antiEntropy.fullSync();
        int writes = catalog.writes.size();

        t.antiEntropy.fullSync();

        assertThat(catalog.writes).hasSize(writes);
    }

    @Test
    void changesMadeWhileTheCatalogIsDownArriveAfterARetry() throws Exception {
        catalog.down = true;
        t.agent.registerService(service("web-1", "web", null, null), false).toCompletableFuture().get();
        assertThat(catalog.servicesOf("node1")).isEmpty();

        catalog.down = false;
        t.timers.advance(Duration.ofSeconds(AntiEntropy.RETRY_SECONDS * 2));

        assertThat(catalog.servicesOf("node1")).containsKey("web-1");
    }

    @Test
    void withoutACatalogNothingIsPushedAndBindingOneSyncsEverything() throws Exception {
        t.antiEntropy.setCatalog(null);
        catalog.writes.clear();
        t.agent.registerService(service("web-1", "web", null, null), false).toCompletableFuture().get();
        assertThat(catalog.writes).isEmpty();

        t.antiEntropy.setCatalog(catalog);
        t.timers.advance(Duration.ZERO);

        assertThat(catalog.servicesOf("node1")).containsKey("web-1");
    }

    @Test
    void theFullSyncRepeatsEveryMinuteWithJitter() throws Exception {
        t.timers.advance(Duration.ZERO);
        catalog.deregister(Deregistration.node("node1"));
        catalog.nodes.clear();

        t.timers.advance(AntiEntropy.INTERVAL.multipliedBy(2));

        assertThat(catalog.nodes).containsKey("node1");
    }

    @Test
    void theIntervalScalesWithClusterSize() {
        assertThat(AntiEntropy.fullSyncInterval(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(AntiEntropy.fullSyncInterval(128)).isEqualTo(Duration.ofMinutes(1));
        assertThat(AntiEntropy.fullSyncInterval(256)).isEqualTo(Duration.ofMinutes(2));
        assertThat(AntiEntropy.fullSyncInterval(1000)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void aChangeRacingAPushIsNotMarkedSynced() {
        LocalState state = new LocalState();
        state.addService(Service.of("a", "a", List.of(), 1), LocalState.Source.REMOTE);
        LocalState.ServiceState pushed = state.snapshot().services().get("a");
        state.addService(Service.of("a", "a", List.of("new"), 1), LocalState.Source.REMOTE);

        state.serviceSynced(pushed);

        assertThat(state.snapshot().services().get("a").inSync()).isFalse();
        assertThat(Optional.of(state.snapshot().services().get("a").service().tags())).contains(List.of("new"));
    }
}
