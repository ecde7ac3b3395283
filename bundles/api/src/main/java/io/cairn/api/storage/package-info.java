/**
 * The storage SPI: the tables behind the consensus store's state machine
 * ({@link io.cairn.api.storage.StorageTables}), made by a
 * {@link io.cairn.api.storage.StorageBackend} found as an OSGi service, so a plugin can
 * replace the default in-memory backend.
 */
@Export
@Version("2.0.0")
package io.cairn.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
