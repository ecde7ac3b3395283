/**
 * TLS for the agent's listeners and connections: {@link io.cairn.api.tls.TlsContexts} turns
 * one block of the agent's {@code tls} configuration into a ready JDK {@code SSLContext},
 * reading the certificate and key files anew on every call so a config reload picks up
 * rotated files.
 */
@Export
@Version("1.3.0")
package io.cairn.api.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
