package io.cairn.store;

import static io.cairn.store.CatalogFixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthCheckDefinition;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceAddress;
import io.cairn.api.catalog.Weights;
import io.cairn.api.storage.StorageTables;

/** Catalog commands and tables survive the log's and the snapshot's encodings unchanged. */
class CatalogSnapshotTest {

    @Test
    void everyFieldOfARegistrationRoundTripsThroughTheLog() {
        Service service = new Service(Optional.of("connect-proxy"), "web-1", "web", List.of("b", "a"), "10.0.0.9",
                Map.of("lan", new ServiceAddress("10.0.0.9", 80), "wan", new ServiceAddress("1.2.3.4", 8080)),
                Map.of("z", "1", "a", "2"), 80, new Weights(10, 2), true, 0, 0);
        HealthCheck check = new HealthCheck("n1", "c1", "name", HealthStatus.WARNING, "notes", "out", "web-1", "", List.of(),
                "http", new HealthCheckDefinition(Optional.of("http://x"), Optional.of(Map.of("X", List.of("1", "2"))),
                        Optional.of("GET"), Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(false), Optional.of("10s"), Optional.of("1s"),
                        Optional.of("1m")), 0, 0);
        Registration registration = new Registration("9f2d0b8e-1c6a-4a8e-9a6b-2d2f3c4b5a6d", "n1", "10.0.0.1", "dc1",
                Map.of("lan", "10.0.0.1"), Map.of("env", "prod"), Optional.of(service), Optional.empty(),
                List.of(check), true);
        Command command = new Command.CatalogRegister(List.of(registration));

        assertThat(CommandCodec.decode(CommandCodec.encode(command))).contains(command);
        Command deregister = new Command.CatalogDeregister(Deregistration.check("n1", "c1"));
        assertThat(CommandCodec.decode(CommandCodec.encode(deregister))).contains(deregister);
    }

    @Test
    void theCatalogSectionOfTheDefaultBackendIsByteIdenticalAfterARestore() throws Exception {
        StorageTables backend = new MemoryStorageBackend().createTables();
        StoreState state = new StoreState(backend, new IndexWatches());
        state.apply(1, new Command.CatalogRegister(List.of(CatalogRules.complete(instance("n1", "web", "v1"), "dc1"),
                CatalogRules.complete(instance("n2", "db"), "dc1"))));
        MemoryCatalogTables tables = (MemoryCatalogTables) backend.catalog();

        ByteArrayOutputStream first = new ByteArrayOutputStream();
        tables.write(new DataOutputStream(first));
        MemoryCatalogTables restored = MemoryCatalogTables.read(new DataInputStream(new ByteArrayInputStream(first.toByteArray())));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        restored.write(new DataOutputStream(second));

        assertThat(second.toByteArray()).isEqualTo(first.toByteArray());
        assertThat(restored.serviceInstances("web")).hasSize(1);
        assertThat(restored.nodeChecks("n2")).hasSize(1);
    }
}
