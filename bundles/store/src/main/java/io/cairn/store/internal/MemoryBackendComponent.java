package io.cairn.store.internal;

import org.osgi.service.component.annotations.Component;

import io.cairn.api.storage.StorageBackend;
import io.cairn.api.storage.StorageTables;
import io.cairn.store.MemoryStorageBackend;

/**
 * Publishes the default backend through the same SPI as plugins. Its ranking is below the
 * default (0), so an installed backend plugin takes over without configuration.
 */
@Component(service = StorageBackend.class, property = {
        StorageBackend.NAME_PROPERTY + "=" + MemoryStorageBackend.NAME,
        "service.ranking:Integer=-100"})
public class MemoryBackendComponent implements StorageBackend {

    private final MemoryStorageBackend backend = new MemoryStorageBackend();

    @Override
    public StorageTables createTables() {
        return backend.createTables();
    }
}
