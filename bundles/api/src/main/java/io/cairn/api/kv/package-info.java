/**
 * Consul's key/value store: the {@link io.cairn.api.kv.KvEntry} model and the
 * {@link io.cairn.api.kv.KvStore} service the store bundle provides.
 */
@Export
@Version("1.1.0")
package io.cairn.api.kv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
