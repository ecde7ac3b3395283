package io.cairn.api.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the replicated state lives on one server: the SPI a plugin implements to replace the
 * default in-memory tables. Registered as an OSGi service with the {@value #NAME_PROPERTY}
 * property; the store runs on the one with the highest service ranking and, when that
 * changes, restarts its Raft server, which rebuilds the new tables from the latest snapshot
 * and the log.
 *
 * <p>The backend's tables are state machine storage, not a database of their own: Raft's log
 * and snapshots make them durable, so a backend may keep everything in memory.
 */
@ConsumerType
public interface StorageBackend {

    /** The service property naming a backend ({@code memory} for the default). */
    String NAME_PROPERTY = "cairn.storage.backend";

    /** Fresh, empty tables; each Raft server start (and each test) takes a new set. */
    StorageTables createTables();
}
