/**
 * The health-check SPI: a {@link io.cairn.api.check.CheckType} turns a check definition into
 * a status and output. Built-in types (ttl, http, tcp...) and plugins implement the same
 * interface and are found as OSGi services by their {@value io.cairn.api.check.CheckType#TYPE_PROPERTY}
 * property; the agent's check runner schedules them, applies thresholds and pushes changes.
 */
@Export
@Version("1.1.0")
package io.cairn.api.check;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
