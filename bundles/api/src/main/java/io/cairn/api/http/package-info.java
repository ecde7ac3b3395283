/**
 * The HTTP route whiteboard: every capability contributes its Consul-compatible endpoints
 * by registering a {@link io.cairn.api.http.RouteProvider} service; the HTTP bundle keeps
 * one route table of all of them, parses the common query options once and maps errors to
 * Consul-style responses.
 */
@Export
@Version("1.2.0")
package io.cairn.api.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
