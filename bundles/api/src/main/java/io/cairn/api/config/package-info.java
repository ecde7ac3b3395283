/**
 * The agent's runtime configuration: one immutable model, built from defaults, JSON and
 * HCL files and command-line flags by the config bundle and published through
 * {@link io.cairn.api.config.AgentConfigService}.
 */
@Export
@Version("1.3.0")
package io.cairn.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
