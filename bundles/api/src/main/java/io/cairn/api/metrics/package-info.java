/**
 * The agent's metrics: the {@link io.cairn.api.metrics.Metrics} service that every bundle
 * feeds and {@code /v1/agent/metrics} shows.
 */
@Export
@Version("1.0.0")
package io.cairn.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
