package io.cairn.store;

import static io.cairn.store.CatalogFixtures.instance;
import static io.cairn.store.CatalogFixtures.node;
import static io.cairn.store.CatalogFixtures.serviceCheck;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.ServiceInstance;

/**
 * The catalog's read cache: a service read repeated at the same index is the same answer
 * object (no read, and the HTTP layer's encoded bytes stay valid), and any change to what the
 * read covers, or a snapshot replacing the tables, is read again.
 */
class CatalogReadCacheTest {

    private StoreState state;
    private long index;

    @BeforeEach
    void setUp() {
        state = newState();
        index = 0;
    }

    private static StoreState newState() {
        return new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
    }

    private void register(StoreState into, Registration... registrations) {
        List<Registration> complete = Arrays.stream(registrations).map(r -> CatalogRules.complete(r, "dc1")).toList();
        into.apply(++index, new Command.CatalogRegister(complete));
    }

    private Indexed<List<ServiceInstance>> web(boolean passing) {
        return state.catalog().healthService("web", List.of(), passing, Map.of());
    }

    @Test
    void aReadAtTheSameIndexIsServedTheSameAnswer() {
        register(state, instance("n1", "web", "v1"), instance("n2", "web", "v1"));
        long misses = state.catalog().answers().misses();

        Indexed<List<ServiceInstance>> first = web(true);
        Indexed<List<ServiceInstance>> second = web(true);

        assertThat(second.value()).as("the kept answer, not a new read").isSameAs(first.value()).hasSize(2);
        assertThat(second.index()).isEqualTo(first.index()).isEqualTo(1);
        assertThat(state.catalog().answers().hits()).isEqualTo(1);
        assertThat(state.catalog().answers().misses()).isEqualTo(misses + 1);
    }

    @Test
    void aNewInstanceIsReadAgainAtTheNewIndex() {
        register(state, instance("n1", "web"));
        Indexed<List<ServiceInstance>> before = web(true);

        register(state, instance("n2", "web"));
        Indexed<List<ServiceInstance>> after = web(true);

        assertThat(after.value()).isNotSameAs(before.value()).extracting(i -> i.node().node())
                .containsExactly("n1", "n2");
        assertThat(after.index()).isEqualTo(2);
        assertThat(before.value()).as("an answer handed out is never changed").hasSize(1);
    }

    @Test
    void aCheckTurningCriticalLeavesThePassingAnswer() {
        register(state, instance("n1", "web"), instance("n2", "web"));
        assertThat(web(true).value()).hasSize(2);

        register(state, node("n2", "10.0.0.2").withService(
                io.cairn.api.catalog.Service.of("web-n2", "web", List.of(), 8080))
                .withChecks(List.of(serviceCheck("web-n2", HealthStatus.CRITICAL))));

        assertThat(web(true).value()).extracting(i -> i.node().node()).containsExactly("n1");
        assertThat(web(false).value()).as("a different question, its own entry").hasSize(2);
    }

    @Test
    void aChangedNodeIsReadAgain() {
        register(state, instance("n1", "web"));
        Indexed<List<ServiceInstance>> before = web(false);

        register(state, node("n1", "10.9.9.9"));

        assertThat(web(false).value()).isNotSameAs(before.value())
                .singleElement().satisfies(i -> assertThat(i.node().address()).isEqualTo("10.9.9.9"));
    }

    @Test
    void anotherServicesChangeKeepsTheAnswer() {
        register(state, instance("n1", "web"));
        Indexed<List<ServiceInstance>> before = web(false);

        register(state, instance("n9", "db"));

        assertThat(web(false).value()).isSameAs(before.value());
    }

    @Test
    void optionsThatShapeTheAnswerAreSeparateEntries() {
        register(state, instance("n1", "web", "v1"), instance("n2", "web", "v2"));

        assertThat(state.catalog().healthService("web", List.of("v2"), false, Map.of()).value())
                .extracting(i -> i.node().node()).containsExactly("n2");
        assertThat(state.catalog().healthService("web", List.of("v1"), false, Map.of()).value())
                .extracting(i -> i.node().node()).containsExactly("n1");
        List<CatalogService> catalog = state.catalog().serviceNodes("web", List.of(), Map.of()).value();
        assertThat(catalog).hasSize(2);
        assertThat(state.catalog().serviceNodes("web", List.of(), Map.of()).value()).isSameAs(catalog);
    }

    /** The restored tables may carry the very index a kept answer was read at, with other data. */
    @Test
    void aSnapshotReplacingTheTablesIsReadAgainEvenAtTheSameIndex() throws Exception {
        StoreState other = newState();
        register(other, instance("n1", "web"));
        register(other, instance("n2", "web"));
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        other.writeSnapshot(snapshot);

        index = 0;
        register(state, instance("n1", "web"));
        register(state, instance("n3", "web"));
        Indexed<List<ServiceInstance>> before = web(false);
        assertThat(before.index()).isEqualTo(2);

        state.restore(new ByteArrayInputStream(snapshot.toByteArray()), 2);

        Indexed<List<ServiceInstance>> after = web(false);
        assertThat(after.index()).as("the same index as the kept answer").isEqualTo(2);
        assertThat(after.value()).extracting(i -> i.node().node()).containsExactly("n1", "n2");
    }
}
