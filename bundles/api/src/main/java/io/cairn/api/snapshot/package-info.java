/**
 * The snapshot archive of {@code GET/PUT /v1/snapshot} and {@code cairn snapshot}: the
 * whole replicated state of a data centre in one checksummed file, written by servers and
 * read by servers and the command line.
 */
@Export
@Version("1.0.0")
package io.cairn.api.snapshot;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
