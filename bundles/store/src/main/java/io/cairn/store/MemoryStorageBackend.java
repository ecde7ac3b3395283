package io.cairn.store;

import io.cairn.api.storage.StorageBackend;
import io.cairn.api.storage.StorageTables;

/** The default backend: every table in memory; Raft's log and snapshots make it durable. */
public final class MemoryStorageBackend implements StorageBackend {

    public static final String NAME = "memory";

    @Override
    public StorageTables createTables() {
        return new MemoryTables();
    }
}
