package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;

/** The leader writes its members into the catalog once per leadership, through the log. */
class LeaderReconcilerTest {

    private static final Registration SERVER = Registration.node(
                    new Node("", "server1", "10.0.0.1", "", Map.of(), Map.of(), 0, 0),
                    List.of(HealthCheck.serfHealth("server1", HealthStatus.PASSING, HealthCheck.SERF_HEALTH_ALIVE)))
            .withService(Service.of(LeaderReconciler.CONSUL_SERVICE, LeaderReconciler.CONSUL_SERVICE, List.of(), 8300));

    private StoreState state;
    private final AtomicBoolean leading = new AtomicBoolean();
    private LeaderReconciler reconciler;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        ReplicatedCatalog catalog = new ReplicatedCatalog(state, new LocalReplication(state),
                new BlockingQuery(Runnable::run), "dc1");
        reconciler = new LeaderReconciler(leading::get, () -> List.of(SERVER), catalog);
    }

    @Test
    void aFollowerWritesNothing() {
        reconciler.tick();
        assertThat(state.catalog().nodes(Map.of()).value()).isEmpty();
    }

    @Test
    void theLeaderRegistersTheConsulServiceWithAPassingSerfHealth() {
        leading.set(true);
        reconciler.tick();

        assertThat(state.catalog().services(Map.of()).value()).containsExactly(Map.entry("consul", List.of()));
        assertThat(state.catalog().healthService("consul", List.of(), true, Map.of()).value())
                .singleElement().satisfies(i -> assertThat(i.checks()).singleElement().satisfies(c -> {
                    assertThat(c.checkId()).isEqualTo("serfHealth");
                    assertThat(c.name()).isEqualTo("Serf Health Status");
                    assertThat(c.output()).isEqualTo("Agent alive and reachable");
                }));
        assertThat(state.catalog().nodes(Map.of()).value().get(0).datacenter()).isEqualTo("dc1");
    }

    @Test
    void itReconcilesOncePerLeadership() {
        leading.set(true);
        reconciler.tick();
        long applied = state.lastApplied();
        reconciler.tick();
        assertThat(state.lastApplied()).as("no second write while leading").isEqualTo(applied);

        leading.set(false);
        reconciler.tick();
        leading.set(true);
        reconciler.tick();
        assertThat(state.lastApplied()).as("a new leadership reconciles again").isEqualTo(applied + 1);
        assertThat(state.catalog().nodes(Map.of()).value().get(0).modifyIndex())
                .as("the same registration changes nothing").isEqualTo(applied);
        assertThat(Optional.of(state.catalog().nodes(Map.of()).index())).contains(applied);
    }
}
