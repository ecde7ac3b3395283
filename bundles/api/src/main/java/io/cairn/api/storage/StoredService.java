package io.cairn.api.storage;

import java.util.Objects;

import io.cairn.api.catalog.Service;

/** A row of the catalog's service table: a service and the node it is registered on. */
public record StoredService(String node, Service service) {

    public StoredService {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(service, "service");
    }
}
