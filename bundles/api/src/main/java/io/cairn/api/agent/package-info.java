/** Facts about the running agent: its build and the Consul API version it speaks. */
@Export
@Version("1.0.0")
package io.cairn.api.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
