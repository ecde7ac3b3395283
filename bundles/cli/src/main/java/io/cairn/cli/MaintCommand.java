package io.cairn.cli;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn maint}: node or service maintenance mode, as {@code consul maint}; without
 * {@code -enable}/{@code -disable}, what is in maintenance on the agent.
 */
@Command(name = "maint", description = "Controls node or service maintenance mode")
final class MaintCommand implements Callable<Integer> {

    private static final String NODE_MAINTENANCE = "_node_maintenance";
    private static final String SERVICE_MAINTENANCE = "_service_maintenance:";

    @Mixin
    HttpOptions http;
    @Option(names = "-enable", description = "Enable maintenance mode")
    boolean enable;
    @Option(names = "-disable", description = "Disable maintenance mode")
    boolean disable;
    @Option(names = "-reason", description = "Text describing the maintenance reason")
    String reason;
    @Option(names = "-service", description = "Control maintenance mode for a specific service ID")
    String serviceId;

    @Override
    public Integer call() throws CliException {
        if (enable && disable) {
            throw new CliException("Only one of -enable or -disable may be provided");
        }
        if (!enable && reason != null && !reason.isEmpty()) {
            throw new CliException("Reason may only be provided with -enable");
        }
        if (!enable && !disable && serviceId != null && !serviceId.isEmpty()) {
            throw new CliException("Service requires either -enable or -disable");
        }
        AgentClient client = http.client();
        if (!enable && !disable) {
            String nodeName = json(AgentClient.expectOk(client.get("/v1/agent/self", Map.of()), "querying Cairn agent"),
                    "querying Cairn agent").path("Config").path("NodeName").asText();
            JsonNode checks = json(AgentClient.expectOk(client.get("/v1/agent/checks", Map.of()), "getting checks"),
                    "getting checks");
            System.out.print(listing(nodeName, checks));
            return 0;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("enable", String.valueOf(enable));
        if (enable) {
            query.put("reason", reason == null ? "" : reason);
        }
        boolean node = serviceId == null || serviceId.isEmpty();
        String what = (enable ? "enabling " : "disabling ") + (node ? "node" : "service") + " maintenance";
        String path = node ? "/v1/agent/maintenance" : "/v1/agent/service/maintenance/" + ServicesCommand.pathSegment(serviceId);
        AgentClient.expectOk(client.put(path, query, null), what);
        String state = enable ? "enabled" : "disabled";
        System.out.println(node ? "Node maintenance is now " + state
                : "Service maintenance is now " + state + " for \"" + serviceId + "\"");
        return 0;
    }

    /** One block per maintenance check: the node by name, a service by id, each with its reason. */
    static String listing(String nodeName, JsonNode checks) {
        StringBuilder out = new StringBuilder();
        for (Iterator<JsonNode> it = checks.elements(); it.hasNext(); ) {
            JsonNode check = it.next();
            String id = check.path("CheckID").asText();
            if (id.equals(NODE_MAINTENANCE)) {
                out.append("Node:\n  Name:   ").append(nodeName)
                        .append("\n  Reason: ").append(check.path("Notes").asText()).append("\n\n");
            } else if (id.startsWith(SERVICE_MAINTENANCE)) {
                out.append("Service:\n  ID:     ").append(check.path("ServiceID").asText())
                        .append("\n  Reason: ").append(check.path("Notes").asText()).append("\n\n");
            }
        }
        return out.toString();
    }

    private static JsonNode json(AgentClient.Reply reply, String what) throws CliException {
        try {
            return reply.json();
        } catch (IOException e) {
            throw new CliException("Error " + what + ": " + e.getMessage());
        }
    }
}
