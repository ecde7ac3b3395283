package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Service;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.storage.CatalogTables;
import io.cairn.api.storage.StorageBackend;
import io.cairn.api.storage.StorageTables;
import io.cairn.api.storage.StoredService;

/**
 * What every {@link StorageBackend} must do, run against each one by extending this class
 * (the default backend in {@link MemoryStorageBackendTest}; a plugin's in its own tests).
 */
public abstract class StorageBackendConformanceTest {

    protected abstract StorageBackend backend();

    private StorageTables tables;

    @BeforeEach
    void createTables() {
        tables = backend().createTables();
    }

    private static KvEntry entry(String key, long index) {
        return new KvEntry(0, key, 0, key.getBytes(), Optional.empty(), index, index);
    }

    @Test
    void newTablesAreEmpty() {
        assertThat(tables.kvList("")).isEmpty();
        assertThat(tables.kvGet("a")).isEmpty();
        assertThat(tables.kvIndex("")).isZero();
        assertThat(tables.tableIndex(StoreState.KV_TABLE)).isZero();
        assertThat(backend().createTables()).as("each call makes a fresh set").isNotSameAs(tables);
    }

    @Test
    void putReplacesAndGetReturnsTheEntry() {
        tables.kvPut(entry("a", 1));
        KvEntry changed = entry("a", 1).withValue(new byte[] {9}, 3, 2);
        tables.kvPut(changed);
        assertThat(tables.kvGet("a")).contains(changed);
    }

    @Test
    void listIsSortedAndBoundedByThePrefix() {
        for (String key : List.of("b", "a/2", "a/1", "a", "a0", "ab")) {
            tables.kvPut(entry(key, 1));
        }
        assertThat(tables.kvList("a/")).extracting(KvEntry::key).containsExactly("a/1", "a/2");
        assertThat(tables.kvList("a")).extracting(KvEntry::key).containsExactly("a", "a/1", "a/2", "a0", "ab");
        assertThat(tables.kvList("")).hasSize(6);
    }

    @Test
    void deletesLeaveTombstonesThatCountInThePrefixIndex() {
        tables.kvPut(entry("a/1", 1));
        tables.kvPut(entry("a/2", 2));
        assertThat(tables.kvDelete("a/2", 5)).isPresent();
        assertThat(tables.kvDelete("a/9", 6)).isEmpty();
        assertThat(tables.kvTombstone("a/2")).isEqualTo(5);
        assertThat(tables.kvTombstone("a/9")).as("no tombstone for what was not there").isZero();
        assertThat(tables.kvIndex("a/")).isEqualTo(5);

        tables.kvPut(entry("a/2", 7));
        assertThat(tables.kvTombstone("a/2")).as("a write removes the tombstone").isZero();
    }

    @Test
    void reapingRemovesTheTombstonesUpToAnIndexAndTellsTheHighest() {
        tables.kvPut(entry("a", 1));
        tables.kvPut(entry("b", 2));
        tables.kvPut(entry("c", 3));
        tables.kvDelete("a", 4);
        tables.kvDelete("b", 6);
        tables.kvDelete("c", 9);
        assertThat(tables.kvOldestTombstone()).isEqualTo(4);

        assertThat(tables.kvReapTombstones(7)).isEqualTo(6);
        assertThat(tables.kvTombstone("a")).isZero();
        assertThat(tables.kvTombstone("b")).isZero();
        assertThat(tables.kvTombstone("c")).isEqualTo(9);
        assertThat(tables.kvOldestTombstone()).isEqualTo(9);
        assertThat(tables.kvReapTombstones(8)).as("nothing left that old").isZero();
    }

    @Test
    void deleteTreeRemovesExactlyThePrefix() {
        for (String key : List.of("a/1", "a/2", "ab", "b")) {
            tables.kvPut(entry(key, 1));
        }
        assertThat(tables.kvDeleteTree("a/", 4)).containsExactly("a/1", "a/2");
        assertThat(tables.kvList("")).extracting(KvEntry::key).containsExactly("ab", "b");
        assertThat(tables.kvIndex("a/")).isEqualTo(4);
        assertThat(tables.kvDeleteTree("", 5)).containsExactly("ab", "b");
        assertThat(tables.kvList("")).isEmpty();
    }

    @Test
    void tableIndexesAreKept() {
        tables.setTableIndex(StoreState.KV_TABLE, 12);
        assertThat(tables.tableIndex(StoreState.KV_TABLE)).isEqualTo(12);
        assertThat(tables.tableIndex("other")).isZero();
    }

    @Test
    void theKeysASessionHoldsFollowLocksReleasesDeletesAndSnapshots() throws IOException {
        tables.kvPut(locked("a", "s1"));
        tables.kvPut(locked("b", "s1"));
        tables.kvPut(locked("c", "s2"));
        tables.kvPut(locked("d/x", "s1"));
        tables.kvPut(entry("free", 1));
        assertThat(tables.kvHeldBy("s1")).extracting(KvEntry::key).containsExactly("a", "b", "d/x");

        tables.kvPut(tables.kvGet("b").orElseThrow().withSession(Optional.empty(), 1, 5));
        tables.kvPut(tables.kvGet("c").orElseThrow().withSession(Optional.of("s1"), 2, 6));
        tables.kvDelete("a", 7);
        tables.kvDeleteTree("d/", 8);
        assertThat(tables.kvHeldBy("s1")).extracting(KvEntry::key).containsExactly("c");
        assertThat(tables.kvHeldBy("s2")).isEmpty();

        StorageTables restored = backend().createTables();
        restored.readSnapshot(new ByteArrayInputStream(snapshot(tables)));
        assertThat(restored.kvHeldBy("s1")).containsExactlyElementsOf(tables.kvHeldBy("s1"));
    }

    private static KvEntry locked(String key, String session) {
        return new KvEntry(1, key, 0, key.getBytes(), Optional.of(session), 1, 1);
    }

    @Test
    void aSnapshotRestoresEverythingIntoFreshTables() throws IOException {
        tables.kvPut(new KvEntry(3, "locked", 7, new byte[] {1, 2}, Optional.of("sess"), 1, 4));
        tables.kvPut(entry("plain", 2));
        tables.kvDelete("plain", 5);
        tables.setTableIndex(StoreState.KV_TABLE, 5);

        byte[] snapshot = snapshot(tables);
        StorageTables restored = backend().createTables();
        restored.readSnapshot(new ByteArrayInputStream(snapshot));

        assertThat(restored.kvList("")).isEqualTo(tables.kvList(""));
        assertThat(restored.kvTombstone("plain")).isEqualTo(5);
        assertThat(restored.tableIndex(StoreState.KV_TABLE)).isEqualTo(5);
        assertThat(snapshot(restored)).isEqualTo(snapshot);
    }

    @Test
    void replayingTheSameLogYieldsByteIdenticalSnapshots() throws IOException {
        assertThat(snapshot(replay())).isEqualTo(snapshot(replay()));
    }

    @Test
    void aDamagedSnapshotIsRefusedAndTheTablesStayAsTheyWere() {
        tables.kvPut(entry("keep", 1));
        assertThatThrownBy(() -> tables.readSnapshot(new ByteArrayInputStream(new byte[] {0, 0, 0, 99, 1})))
                .isInstanceOf(IOException.class);
        assertThat(tables.kvGet("keep")).isPresent();
    }

    @Test
    void catalogRowsAreSortedByNodeThenIdAndFoundByServiceName() {
        CatalogTables catalog = tables.catalog();
        for (String node : List.of("n2", "n1", "n1-b")) {
            catalog.putNode(new Node("", node, "10.0.0.1", "dc1", Map.of(), Map.of(), 1, 1));
            catalog.putService(new StoredService(node, Service.of("web", "web", List.of(), 80)));
        }
        catalog.putService(new StoredService("n1", Service.of("db", "db", List.of(), 5432)));
        catalog.putCheck(HealthCheck.serfHealth("n1", HealthStatus.PASSING, ""));

        assertThat(catalog.nodes()).extracting(Node::node).containsExactly("n1", "n1-b", "n2");
        assertThat(catalog.nodeServices("n1")).extracting(Service::id).containsExactly("db", "web");
        assertThat(catalog.serviceInstances("web")).extracting(StoredService::node).containsExactly("n1", "n1-b", "n2");
        assertThat(catalog.nodeChecks("n1")).hasSize(1);
        assertThat(catalog.nodeChecks("n1-b")).as("a node's rows end at its name").isEmpty();

        catalog.putService(new StoredService("n1", Service.of("web", "www", List.of(), 80)));
        assertThat(catalog.serviceInstances("web")).as("a renamed service leaves its old name")
                .extracting(StoredService::node).containsExactly("n1-b", "n2");
        catalog.deleteService("n2", "web");
        catalog.deleteCheck("n1", HealthCheck.SERF_HEALTH_ID);
        catalog.deleteNode("n2");
        assertThat(catalog.serviceInstances("web")).extracting(StoredService::node).containsExactly("n1-b");
        assertThat(catalog.checks()).isEmpty();
        assertThat(catalog.node("n2")).isEmpty();
    }

    @Test
    void catalogNamesAndIdsAreFoundIgnoringCaseAndKeepTheirSpelling() {
        CatalogTables catalog = tables.catalog();
        catalog.putNode(new Node("", "Node-A", "10.0.0.1", "dc1", Map.of(), Map.of(), 1, 1));
        catalog.putService(new StoredService("Node-A", Service.of("Web-1", "Web", List.of(), 80)));

        assertThat(catalog.node("node-a")).map(Node::node).contains("Node-A");
        assertThat(catalog.nodeServices("NODE-A")).extracting(Service::id).containsExactly("Web-1");
        assertThat(catalog.serviceInstances("web")).extracting(StoredService::node).containsExactly("Node-A");

        catalog.putService(new StoredService("node-a", Service.of("web-1", "web", List.of(), 81)));
        assertThat(catalog.services()).as("the same id in another case replaces the row")
                .extracting(s -> s.service().port()).containsExactly(81);
        catalog.deleteService("NODE-A", "WEB-1");
        catalog.deleteNode("node-A");
        assertThat(catalog.services()).isEmpty();
        assertThat(catalog.nodes()).isEmpty();
    }

    @Test
    void aSnapshotRestoresTheCatalog() throws IOException {
        StoreState state = new StoreState(tables, new IndexWatches());
        state.apply(1, new Command.CatalogRegister(List.of(CatalogRules.complete(
                CatalogFixtures.instance("n1", "web", "v1"), "dc1"))));

        StorageTables restored = backend().createTables();
        restored.readSnapshot(new ByteArrayInputStream(snapshot(tables)));

        assertThat(restored.catalog().nodes()).isEqualTo(tables.catalog().nodes());
        assertThat(restored.catalog().serviceInstances("web")).isEqualTo(tables.catalog().serviceInstances("web"));
        assertThat(restored.catalog().checks()).isEqualTo(tables.catalog().checks());
        assertThat(restored.tableIndex(CatalogState.serviceKey("web"))).isEqualTo(1);
    }

    private StorageTables replay() {
        StorageTables replayed = backend().createTables();
        StoreState state = new StoreState(replayed, new IndexWatches());
        long index = 0;
        for (Command command : SnapshotTest.log()) {
            state.apply(++index, command);
        }
        return replayed;
    }

    private static byte[] snapshot(StorageTables tables) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tables.writeSnapshot(out);
        return out.toByteArray();
    }
}
