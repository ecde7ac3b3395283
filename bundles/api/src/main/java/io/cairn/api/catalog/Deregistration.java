package io.cairn.api.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * A catalog removal as Consul's {@code DeregisterRequest} ({@code PUT /v1/catalog/deregister}):
 * with a service id, that service and its checks; with a check id, that check; with neither,
 * the node with every service and check on it. Removing what is not there succeeds.
 *
 * @param node       the node name, required
 * @param datacenter "" for the server's own
 * @param serviceId  the service to remove
 * @param checkId    the check to remove
 */
public record Deregistration(String node, String datacenter, Optional<String> serviceId, Optional<String> checkId) {

    public Deregistration {
        node = Objects.requireNonNullElse(node, "");
        datacenter = Objects.requireNonNullElse(datacenter, "");
        serviceId = serviceId == null ? Optional.empty() : serviceId.filter(s -> !s.isEmpty());
        checkId = checkId == null ? Optional.empty() : checkId.filter(s -> !s.isEmpty());
    }

    public static Deregistration node(String node) {
        return new Deregistration(node, "", Optional.empty(), Optional.empty());
    }

    public static Deregistration service(String node, String serviceId) {
        return new Deregistration(node, "", Optional.of(serviceId), Optional.empty());
    }

    public static Deregistration check(String node, String checkId) {
        return new Deregistration(node, "", Optional.empty(), Optional.of(checkId));
    }
}
