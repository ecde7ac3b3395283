/**
 * Consul's {@code ?filter} expression language (go-bexpr's common forms), parsed and
 * evaluated against the records an endpoint answers with. Plain Java with no state, exported
 * so that every bundle answering {@code ?filter} uses the one implementation.
 */
@Export
@Version("1.0.0")
package io.cairn.api.filter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
