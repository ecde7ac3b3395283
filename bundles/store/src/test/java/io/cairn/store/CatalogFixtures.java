package io.cairn.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthCheckDefinition;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;

/** Registrations as clients send them, for the catalog's tests. */
final class CatalogFixtures {

    private CatalogFixtures() {
    }

    static Registration node(String node, String address) {
        return new Registration("", node, address, "", Map.of(), Map.of(), Optional.empty(), Optional.empty(),
                List.of(), false);
    }

    static Registration nodeWithMeta(String node, String address, Map<String, String> meta) {
        return new Registration("", node, address, "", Map.of(), meta, Optional.empty(), Optional.empty(),
                List.of(), false);
    }

    /** A node with one service, id = name-node, and a passing check on the service. */
    static Registration instance(String node, String service, String... tags) {
        String id = service + "-" + node;
        return node(node, "10.0.0." + Math.abs(node.hashCode() % 250))
                .withService(Service.of(id, service, List.of(tags), 8080))
                .withChecks(List.of(serviceCheck(id, HealthStatus.PASSING)));
    }

    static HealthCheck serviceCheck(String serviceId, HealthStatus status) {
        return new HealthCheck("", "service:" + serviceId, "Service check", status, "", "", serviceId, "", List.of(),
                "", HealthCheckDefinition.NONE, 0, 0);
    }

    static HealthCheck nodeCheck(String id, HealthStatus status) {
        return new HealthCheck("", id, id, status, "", "", "", "", List.of(), "", HealthCheckDefinition.NONE, 0, 0);
    }
}
