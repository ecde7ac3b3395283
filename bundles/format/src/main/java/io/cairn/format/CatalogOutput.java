package io.cairn.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cairn.api.catalog.Node;

/** {@code consul catalog nodes|services}: Consul's columns and messages. */
public final class CatalogOutput {

    public static final String NO_NODES = "No nodes match the given query - try expanding your search.";
    public static final String NO_SERVICES = "No services match the given query - try expanding your search.";

    private CatalogOutput() {
    }

    /** One node as the table shows it. */
    public record NodeRow(String node, String id, String address, String datacenter) {
        public static NodeRow of(Node n) {
            return new NodeRow(n.node(), n.id(), n.address(), n.datacenter());
        }
    }

    /** {@code Node  ID  Address  DC}, the ID cut to its first 8 characters. */
    public static String nodesTable(List<NodeRow> nodes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Node", "ID", "Address", "DC"));
        for (NodeRow node : nodes) {
            String id = node.id() == null ? "" : node.id();
            rows.add(List.of(node.node(), id.length() > 8 ? id.substring(0, 8) : id, node.address(), node.datacenter()));
        }
        return Columns.of(rows);
    }

    /** One name per line, sorted; with tags, the sorted tags comma-separated beside each name. */
    public static String servicesList(Map<String, List<String>> services, boolean withTags) {
        Map<String, List<String>> sorted = new TreeMap<>();
        services.forEach((name, tags) -> sorted.put(name, tags.stream().sorted().toList()));
        if (!withTags) {
            StringBuilder out = new StringBuilder();
            sorted.keySet().forEach(name -> out.append(name).append('\n'));
            return out.toString();
        }
        List<List<String>> rows = new ArrayList<>();
        sorted.forEach((name, tags) -> rows.add(List.of(name, String.join(",", tags))));
        return Columns.of(rows);
    }
}
