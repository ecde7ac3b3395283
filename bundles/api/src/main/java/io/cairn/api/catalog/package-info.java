/**
 * Consul's catalog: the nodes of a data centre, the services registered on them and their
 * health checks ({@link io.cairn.api.catalog.Node}, {@link io.cairn.api.catalog.Service},
 * {@link io.cairn.api.catalog.HealthCheck}), the views the HTTP API answers with
 * ({@link io.cairn.api.catalog.CatalogService}, {@link io.cairn.api.catalog.ServiceInstance},
 * {@link io.cairn.api.catalog.NodeServices}) and the {@link io.cairn.api.catalog.Catalog}
 * service the store bundle provides on servers.
 *
 * <p>Records are named and shaped so that their components come out as Consul's JSON
 * ({@code serviceId} is written {@code ServiceID}); absent collections are empty, never null.
 */
@Export
@Version("1.0.0")
package io.cairn.api.catalog;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
