package io.cairn.api.storage;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.Service;

/**
 * The catalog's tables: nodes, the services registered on them and health checks, each row
 * with the Raft indexes it was written at. Part of {@link StorageTables} (same locking, same
 * determinism, same snapshot); rows are stored as given, the store keeps them consistent
 * (it removes a node's services and checks before the node). Node names, service names, service
 * ids and check ids are compared ignoring case, as in Consul: a lookup by {@code web} finds a
 * row written as {@code Web}, which keeps its spelling.
 */
@ConsumerType
public interface CatalogTables {

    Optional<Node> node(String name);

    /** Every node, sorted by name. */
    List<Node> nodes();

    /** Inserts or replaces the node named {@code node.node()}. */
    void putNode(Node node);

    void deleteNode(String name);

    /** The services on a node, sorted by id. */
    List<Service> nodeServices(String node);

    /** The instances of a service name, sorted by node then id. */
    List<StoredService> serviceInstances(String serviceName);

    /** Every service on every node, sorted by node then id. */
    List<StoredService> services();

    /** Inserts or replaces the service with that id on that node. */
    void putService(StoredService service);

    void deleteService(String node, String serviceId);

    /** The checks of a node, its own and its services', sorted by check id. */
    List<HealthCheck> nodeChecks(String node);

    /** Every check, sorted by node then check id. */
    List<HealthCheck> checks();

    /** Inserts or replaces the check with {@code check.checkId()} on {@code check.node()}. */
    void putCheck(HealthCheck check);

    void deleteCheck(String node, String checkId);
}
