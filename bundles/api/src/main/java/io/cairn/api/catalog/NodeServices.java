package io.cairn.api.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * A node with the services on it ({@code /v1/catalog/node/:node}).
 *
 * @param node     the node
 * @param services its services by id, sorted by id
 */
public record NodeServices(Node node, Map<String, Service> services) {

    public NodeServices {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(services, "services");
    }
}
