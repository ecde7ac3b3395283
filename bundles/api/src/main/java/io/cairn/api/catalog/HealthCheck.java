package io.cairn.api.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A health check as the catalog holds it ({@code /v1/health/*}).
 *
 * @param node        the node it belongs to; registration fills in the registering node
 * @param checkId     unique on its node; registration defaults it to the name
 * @param name        a human name ({@code Serf Health Status})
 * @param status      {@code passing}, {@code warning} or {@code critical}; critical when not given, as Consul
 * @param notes       free text from the registration
 * @param output      what the check last printed
 * @param serviceId   the service it watches, "" for a check of the whole node
 * @param serviceName the name of that service, filled in by the catalog
 * @param serviceTags the tags of that service, filled in by the catalog
 * @param type        how it runs ({@code http}, {@code ttl}, {@code serf}...), "" when unknown
 * @param definition  how it runs, for display
 * @param createIndex the Raft index that created it
 * @param modifyIndex the Raft index of its last change
 */
public record HealthCheck(String node, String checkId, String name, HealthStatus status, String notes, String output,
                          String serviceId, String serviceName, List<String> serviceTags, String type,
                          HealthCheckDefinition definition, long createIndex, long modifyIndex) {

    /** The check every member of the LAN pool has on its node: Consul's {@code serfHealth}. */
    public static final String SERF_HEALTH_ID = "serfHealth";
    public static final String SERF_HEALTH_NAME = "Serf Health Status";
    /** The output of a passing {@code serfHealth}. */
    public static final String SERF_HEALTH_ALIVE = "Agent alive and reachable";

    public HealthCheck {
        node = Objects.requireNonNullElse(node, "");
        checkId = Objects.requireNonNullElse(checkId, "");
        name = Objects.requireNonNullElse(name, "");
        status = Objects.requireNonNullElse(status, HealthStatus.CRITICAL);
        notes = Objects.requireNonNullElse(notes, "");
        output = Objects.requireNonNullElse(output, "");
        serviceId = Objects.requireNonNullElse(serviceId, "");
        serviceName = Objects.requireNonNullElse(serviceName, "");
        serviceTags = serviceTags == null ? List.of() : List.copyOf(serviceTags);
        type = Objects.requireNonNullElse(type, "");
        definition = Objects.requireNonNullElse(definition, HealthCheckDefinition.NONE);
    }

    /** A node's {@code serfHealth} check: passing with Consul's output when alive, else critical. */
    public static HealthCheck serfHealth(String node, HealthStatus status, String output) {
        return new HealthCheck(node, SERF_HEALTH_ID, SERF_HEALTH_NAME, status, "", output, "", "", List.of(),
                "serf", HealthCheckDefinition.NONE, 0, 0);
    }

    /** True for a check of the whole node rather than of one service. */
    public boolean isNodeCheck() {
        return serviceId.isEmpty();
    }

    /** The same check at other indexes. */
    public HealthCheck withIndexes(long create, long modify) {
        return new HealthCheck(node, checkId, name, status, notes, output, serviceId, serviceName, serviceTags, type,
                definition, create, modify);
    }

    /** The same check on {@code node}, with the id, service name and tags the catalog fills in. */
    public HealthCheck completed(String onNode, String id, String ofServiceName, List<String> ofServiceTags,
                                 String checkType) {
        return new HealthCheck(onNode, id, name, status, notes, output, serviceId, ofServiceName, ofServiceTags,
                checkType, definition, createIndex, modifyIndex);
    }
}
