package io.cairn.store;

import io.cairn.api.storage.StorageBackend;

class MemoryStorageBackendTest extends StorageBackendConformanceTest {

    @Override
    protected StorageBackend backend() {
        return new MemoryStorageBackend();
    }
}
