package io.cairn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn event -name=deploy [payload]}: fires a user event, as {@code consul event}. */
@Command(name = "event", description = "Fire a new event")
final class EventCommand implements Callable<Integer> {

    @Mixin
    HttpOptions http;
    @Option(names = "-name", description = "Name of the event")
    String name;
    @Option(names = "-node", description = "Regular expression to filter on node names")
    String node;
    @Option(names = "-service", description = "Regular expression to filter on service instances")
    String service;
    @Option(names = "-tag", description = "Regular expression to filter on service tags. Must be used with -service")
    String tag;
    @Parameters(arity = "0..1", description = "payload")
    String payload;

    @Override
    public Integer call() throws CliException {
        if (name == null || name.isEmpty()) {
            throw new CliException("Event name must be specified");
        }
        if (tag != null && !tag.isEmpty() && (service == null || service.isEmpty())) {
            throw new CliException("Cannot provide tag filter without service filter.");
        }
        Map<String, String> query = new LinkedHashMap<>();
        put(query, "node", node);
        put(query, "service", service);
        put(query, "tag", tag);
        byte[] body = payload == null ? null : payload.getBytes(StandardCharsets.UTF_8);
        AgentClient.Reply reply = AgentClient.expectOk(
                http.client().put("/v1/event/fire/" + ServicesCommand.pathSegment(name), query, body), "firing event");
        try {
            System.out.println("Event ID: " + reply.json().path("ID").asText());
        } catch (IOException e) {
            throw new CliException("Error firing event: " + e.getMessage());
        }
        return 0;
    }

    private static void put(Map<String, String> query, String key, String value) {
        if (value != null && !value.isEmpty()) {
            query.put(key, value);
        }
    }
}
