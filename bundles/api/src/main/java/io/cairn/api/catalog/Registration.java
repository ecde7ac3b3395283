package io.cairn.api.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog write as Consul's {@code RegisterRequest} ({@code PUT /v1/catalog/register}): a
 * node, optionally one service on it, and checks, applied together as one Raft entry. Rows
 * that are already the same are left untouched, so a repeated registration (anti-entropy,
 * membership reconciliation) does not move any index nor wake any blocking read.
 *
 * @param id              the node's UUID, "" for none
 * @param node            the node name, required
 * @param address         the node's address, required unless {@code skipNodeUpdate}
 * @param datacenter      "" for the server's own
 * @param taggedAddresses the node's tagged addresses
 * @param nodeMeta        the node's metadata
 * @param service         a service to add or replace on the node
 * @param check           a single check (Consul's older form; merged into {@code checks})
 * @param checks          checks to add or replace; a check's node defaults to {@code node},
 *                        its id to its name
 * @param skipNodeUpdate  keep the node as it is when it already exists
 */
public record Registration(String id, String node, String address, String datacenter,
                           Map<String, String> taggedAddresses, Map<String, String> nodeMeta,
                           Optional<Service> service, Optional<HealthCheck> check, List<HealthCheck> checks,
                           boolean skipNodeUpdate) {

    public Registration {
        id = Objects.requireNonNullElse(id, "");
        node = Objects.requireNonNullElse(node, "");
        address = Objects.requireNonNullElse(address, "");
        datacenter = Objects.requireNonNullElse(datacenter, "");
        taggedAddresses = taggedAddresses == null ? Map.of() : Map.copyOf(taggedAddresses);
        nodeMeta = nodeMeta == null ? Map.of() : Map.copyOf(nodeMeta);
        service = service == null ? Optional.empty() : service;
        check = check == null ? Optional.empty() : check;
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** A node with its checks and no service, as membership reconciles a member. */
    public static Registration node(Node node, List<HealthCheck> checks) {
        return new Registration(node.id(), node.node(), node.address(), node.datacenter(), node.taggedAddresses(),
                node.meta(), Optional.empty(), Optional.empty(), checks, false);
    }

    /** The same registration with a service on the node. */
    public Registration withService(Service newService) {
        return new Registration(id, node, address, datacenter, taggedAddresses, nodeMeta, Optional.of(newService),
                check, checks, skipNodeUpdate);
    }

    /** The same registration with these checks (and no single {@code check}). */
    public Registration withChecks(List<HealthCheck> newChecks) {
        return new Registration(id, node, address, datacenter, taggedAddresses, nodeMeta, service, Optional.empty(),
                newChecks, skipNodeUpdate);
    }

    /** {@code check} then {@code checks}, the order Consul applies them in. */
    public List<HealthCheck> allChecks() {
        List<HealthCheck> all = new ArrayList<>(checks.size() + 1);
        check.ifPresent(all::add);
        all.addAll(checks);
        return all;
    }

    /** The node row this registration writes (indexes are set by the catalog). */
    public Node nodeRow() {
        return new Node(id, node, address, datacenter, taggedAddresses, nodeMeta, 0, 0);
    }
}
