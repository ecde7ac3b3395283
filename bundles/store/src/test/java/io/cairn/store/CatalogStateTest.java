package io.cairn.store;

import static io.cairn.store.CatalogFixtures.instance;
import static io.cairn.store.CatalogFixtures.node;
import static io.cairn.store.CatalogFixtures.nodeCheck;
import static io.cairn.store.CatalogFixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceInstance;

/** The catalog part of the state machine on plain objects: commands applied at explicit Raft indexes. */
class CatalogStateTest {

    private StoreState state;
    private long index;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        index = 0;
    }

    private boolean register(Registration... registrations) {
        List<Registration> complete = java.util.Arrays.stream(registrations)
                .map(r -> CatalogRules.complete(r, "dc1")).toList();
        return state.apply(++index, new Command.CatalogRegister(complete));
    }

    private void deregister(Deregistration deregistration) {
        state.apply(++index, new Command.CatalogDeregister(deregistration));
    }

    private CatalogState catalog() {
        return state.catalog();
    }

    @Test
    void aRegistrationWritesNodeServiceAndCheckAtItsIndex() {
        register(instance("n1", "web", "v1"));

        Node n1 = catalog().nodes(Map.of()).value().get(0);
        assertThat(n1.node()).isEqualTo("n1");
        assertThat(n1.datacenter()).as("defaulted to the server's").isEqualTo("dc1");
        assertThat(n1.createIndex()).isEqualTo(1);
        assertThat(catalog().services(Map.of()).value()).containsExactly(Map.entry("web", List.of("v1")));
        List<ServiceInstance> web = catalog().healthService("web", List.of(), false, Map.of()).value();
        assertThat(web).singleElement().satisfies(i -> {
            assertThat(i.service().id()).isEqualTo("web-n1");
            assertThat(i.service().createIndex()).isEqualTo(1);
            assertThat(i.checks()).singleElement().satisfies(c -> {
                assertThat(c.node()).as("filled in from the registration").isEqualTo("n1");
                assertThat(c.serviceName()).isEqualTo("web");
                assertThat(c.serviceTags()).containsExactly("v1");
            });
        });
        assertThat(catalog().serviceNodes("web", List.of(), Map.of()).index()).isEqualTo(1);
    }

    @Test
    void aServiceIdDefaultsToItsNameAndACheckIdToItsName() {
        register(node("n1", "10.0.0.1")
                .withService(Service.of("", "redis", List.of(), 6379))
                .withChecks(List.of(new HealthCheck("", "", "mem", HealthStatus.WARNING, "", "", "redis", "",
                        List.of(), "", null, 0, 0))));
        assertThat(catalog().node("n1").value()).hasValueSatisfying(n -> assertThat(n.services()).containsKey("redis"));
        assertThat(catalog().nodeChecks("n1").value()).extracting(HealthCheck::checkId).containsExactly("mem");
    }

    @Test
    void registeringTheSameAgainChangesNoIndex() {
        register(instance("n1", "web"));
        register(instance("n1", "web"));

        assertThat(catalog().serviceNodes("web", List.of(), Map.of()).index()).isEqualTo(1);
        assertThat(catalog().nodes(Map.of()).index()).isEqualTo(1);
        assertThat(catalog().nodes(Map.of()).value().get(0).modifyIndex()).isEqualTo(1);
    }

    @Test
    void aChangeKeepsCreateIndexAndMovesModifyIndex() {
        register(instance("n1", "web", "v1"));
        register(instance("n1", "web", "v2"));

        Service web = catalog().node("n1").value().orElseThrow().services().get("web-n1");
        assertThat(web.tags()).containsExactly("v2");
        assertThat(web.createIndex()).isEqualTo(1);
        assertThat(web.modifyIndex()).isEqualTo(2);
        assertThat(catalog().serviceChecks("web", Map.of()).value())
                .singleElement().satisfies(c -> assertThat(c.serviceTags()).as("follows the service").containsExactly("v2"));
    }

    @Test
    void namesAreMatchedIgnoringCaseForReadsWatchesAndDeregistration() {
        register(instance("Node1", "Web", "v1"));
        CompletableFuture<Void> parked = catalog().watch(CatalogState.serviceKey("WEB"));

        assertThat(catalog().healthService("web", List.of(), false, Map.of()).value())
                .singleElement().satisfies(i -> assertThat(i.service().service()).as("keeps its spelling").isEqualTo("Web"));
        assertThat(catalog().node("NODE1").value()).isPresent();

        deregister(Deregistration.service("node1", "WEB-NODE1"));
        assertThat(parked).as("a read parked on another spelling is woken").isDone();
        assertThat(catalog().serviceNodes("Web", List.of(), Map.of()).value()).isEmpty();
        assertThat(catalog().nodeChecks("node1").value()).as("the service's check went with it").isEmpty();
    }

    @Test
    void deletingANodeDeletesItsServicesAndChecks() {
        register(instance("n1", "web"), instance("n2", "web"));
        register(node("n1", "10.0.0.1").withChecks(List.of(nodeCheck("serfHealth", HealthStatus.PASSING))));

        deregister(Deregistration.node("n1"));

        assertThat(catalog().nodes(Map.of()).value()).extracting(Node::node).containsExactly("n2");
        assertThat(catalog().serviceNodes("web", List.of(), Map.of()).value()).hasSize(1);
        assertThat(catalog().nodeChecks("n1").value()).isEmpty();
        assertThat(catalog().checksInState(Optional.empty(), Map.of()).value()).extracting(HealthCheck::node)
                .containsOnly("n2");
        assertThat(catalog().serviceNodes("web", List.of(), Map.of()).index())
                .as("a deletion moves the index of what it touched").isEqualTo(3);
    }

    @Test
    void deregisteringAServiceTakesItsChecksAndLeavesTheNode() {
        register(instance("n1", "web"));
        deregister(Deregistration.service("n1", "web-n1"));

        assertThat(catalog().services(Map.of()).value()).isEmpty();
        assertThat(catalog().nodeChecks("n1").value()).isEmpty();
        assertThat(catalog().nodes(Map.of()).value()).hasSize(1);
        deregister(Deregistration.service("n1", "absent"));
    }

    @Test
    void aCheckOfAnUnknownServiceRefusesTheWholeRegistration() {
        boolean applied = register(node("n1", "10.0.0.1").withChecks(List.of(serviceCheck("nope", HealthStatus.PASSING))));

        assertThat(applied).isFalse();
        assertThat(catalog().nodes(Map.of()).value()).as("nothing written").isEmpty();
        assertThat(catalog().refusalNow(List.of(CatalogRules.complete(node("n1", "10.0.0.1")
                .withChecks(List.of(serviceCheck("nope", HealthStatus.PASSING))), "dc1"))))
                .contains("Missing service registration");
    }

    @Test
    void passingOnlyDropsInstancesWithAnyNonPassingCheckOfNodeOrService() {
        register(instance("n1", "web"), instance("n2", "web"), instance("n3", "web"));
        register(node("n2", "10.0.0.2").withChecks(List.of(nodeCheck("serfHealth", HealthStatus.CRITICAL))));
        register(instance("n3", "web").withChecks(List.of(serviceCheck("web-n3", HealthStatus.WARNING))));

        assertThat(catalog().healthService("web", List.of(), true, Map.of()).value())
                .extracting(i -> i.node().node()).containsExactly("n1");
        assertThat(catalog().healthService("web", List.of(), false, Map.of()).value()).hasSize(3);
        assertThat(catalog().checksInState(Optional.of(HealthStatus.CRITICAL), Map.of()).value())
                .extracting(HealthCheck::checkId).containsExactly("serfHealth");
    }

    @Test
    void tagsAndNodeMetaFilterInstances() {
        register(instance("n1", "web", "v1", "primary"), instance("n2", "web", "v1"));
        register(CatalogFixtures.nodeWithMeta("n2", "10.0.0.2", Map.of("env", "prod")));

        assertThat(catalog().serviceNodes("web", List.of("V1", "primary"), Map.of()).value())
                .extracting(s -> s.node()).containsExactly("n1");
        assertThat(catalog().serviceNodes("web", List.of(), Map.of("env", "prod")).value())
                .extracting(s -> s.node()).containsExactly("n2");
        assertThat(catalog().services(Map.of("env", "prod")).value()).containsOnlyKeys("web");
        assertThat(catalog().services(Map.of("env", "dev")).value()).isEmpty();
    }

    @Test
    void aWatchOnAServiceSleepsThroughOtherServicesAndWakesOnItsOwnHealth() {
        register(instance("n1", "web"), instance("n2", "db"));
        CompletableFuture<Void> web = catalog().watch(CatalogState.serviceKey("web"));
        CompletableFuture<Void> nodes = catalog().watch(CatalogState.NODES);

        register(instance("n2", "db", "changed"));
        register(instance("n3", "db"));
        assertThat(web).as("db churn does not wake a web watcher").isNotDone();

        register(node("n1", "10.0.0.1").withChecks(List.of(nodeCheck("serfHealth", HealthStatus.CRITICAL))));
        assertThat(web).as("a node check decides web's health on n1").isDone();
        assertThat(nodes).as("n3 was a new node").isDone();
    }

    @Test
    void aWatchOnANodeWakesWhenItsServiceIsDeregistered() {
        register(instance("n1", "web"), instance("n2", "web"));
        CompletableFuture<Void> n1 = catalog().watch(CatalogState.nodeKey("n1"));
        CompletableFuture<Void> n2 = catalog().watch(CatalogState.nodeKey("n2"));

        deregister(Deregistration.service("n1", "web-n1"));

        assertThat(n1).isDone();
        assertThat(n2).isNotDone();
    }

    @Test
    void indexesOfUnknownNamesFollowTheirTableAndAreNeverZero() {
        assertThat(catalog().serviceNodes("web", List.of(), Map.of()).index()).isEqualTo(1);
        register(instance("n1", "db"));
        register(instance("n2", "db"));
        assertThat(catalog().serviceNodes("web", List.of(), Map.of()).index()).isEqualTo(2);
        assertThat(catalog().node("absent").value()).isEmpty();
    }
}
