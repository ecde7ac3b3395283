package io.cairn.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.format.CatalogOutput;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn catalog datacenters|nodes|services}: Consul's catalog commands, with Consul's output. */
@Command(name = "catalog", description = "Interact with the catalog",
        subcommands = {CatalogCommand.Datacenters.class, CatalogCommand.Nodes.class, CatalogCommand.Services.class})
final class CatalogCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    @Command(name = "datacenters", description = "Lists all known datacenters")
    static final class Datacenters implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Override
        public Integer call() throws CliException {
            for (JsonNode dc : read(http, "/v1/catalog/datacenters", "listing datacenters")) {
                System.out.println(dc.asText());
            }
            return 0;
        }
    }

    @Command(name = "nodes", description = "Lists all nodes in the given datacenter")
    static final class Nodes implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Override
        public Integer call() throws CliException {
            JsonNode nodes = read(http, "/v1/catalog/nodes", "listing nodes");
            if (nodes.isEmpty()) {
                System.err.println(CatalogOutput.NO_NODES);
                return 0;
            }
            System.out.print(CatalogOutput.nodesTable(nodeRows(nodes)));
            return 0;
        }
    }

    @Command(name = "services", description = "Lists all registered services in a datacenter")
    static final class Services implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Option(names = "-tags", description = "Display each service's tags as a comma-separated list beside each service entry")
        boolean tags;

        @Override
        public Integer call() throws CliException {
            JsonNode services = read(http, "/v1/catalog/services", "listing services");
            if (services.isEmpty()) {
                System.err.println(CatalogOutput.NO_SERVICES);
                return 0;
            }
            System.out.print(CatalogOutput.servicesList(services(services), tags));
            return 0;
        }
    }

    private static JsonNode read(HttpOptions http, String path, String what) throws CliException {
        AgentClient.Reply reply = AgentClient.expectOk(http.client().get(path, Map.of()), what);
        try {
            return reply.json();
        } catch (IOException e) {
            throw new CliException("Error " + what + ": " + e.getMessage());
        }
    }

    /** The rows of {@code /v1/catalog/nodes}' answer. */
    static List<CatalogOutput.NodeRow> nodeRows(JsonNode nodes) {
        List<CatalogOutput.NodeRow> rows = new ArrayList<>();
        for (JsonNode node : nodes) {
            rows.add(new CatalogOutput.NodeRow(node.path("Node").asText(), node.path("ID").asText(""),
                    node.path("Address").asText(), node.path("Datacenter").asText()));
        }
        return rows;
    }

    /** {@code /v1/catalog/services}' answer: each name with its tags. */
    static Map<String, List<String>> services(JsonNode services) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            List<String> tags = new ArrayList<>();
            service.getValue().forEach(tag -> tags.add(tag.asText()));
            byName.put(service.getKey(), tags);
        }
        return byName;
    }
}
