package io.cairn.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

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
                System.err.println("No nodes match the given query - try expanding your search.");
                return 0;
            }
            System.out.print(nodesTable(nodes));
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
                System.err.println("No services match the given query - try expanding your search.");
                return 0;
            }
            System.out.print(servicesList(services, tags));
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

    /** {@code Node  ID  Address  DC}, the ID cut to its first 8 characters, as Consul's columns. */
    static String nodesTable(JsonNode nodes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Node", "ID", "Address", "DC"));
        for (JsonNode node : nodes) {
            String id = node.path("ID").asText("");
            rows.add(List.of(node.path("Node").asText(), id.length() > 8 ? id.substring(0, 8) : id,
                    node.path("Address").asText(), node.path("Datacenter").asText()));
        }
        return columns(rows);
    }

    /** One name per line, sorted; with tags, the sorted tags comma-separated beside each name. */
    static String servicesList(JsonNode services, boolean withTags) {
        Map<String, List<String>> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            List<String> tags = new ArrayList<>();
            service.getValue().forEach(tag -> tags.add(tag.asText()));
            tags.sort(null);
            sorted.put(service.getKey(), tags);
        }
        if (!withTags) {
            StringBuilder out = new StringBuilder();
            sorted.keySet().forEach(name -> out.append(name).append('\n'));
            return out.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        sorted.forEach((name, tags) -> rows.add(List.of(name, String.join(",", tags))));
        return columns(rows);
    }

    /** Left-aligned columns glued by two spaces (Consul's columnize); no trailing blanks. */
    static String columns(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
