package io.cairn.api.http;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A capability's share of the HTTP API. Registered as an OSGi service; its routes are in
 * the route table while the service is, so stopping a bundle removes its endpoints.
 */
@ConsumerType
public interface RouteProvider {
    List<Route> routes();
}
