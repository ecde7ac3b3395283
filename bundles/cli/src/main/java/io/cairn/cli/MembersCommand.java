package io.cairn.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn members}: the pool as {@code consul members} prints it; exit 2 when no member matches. */
@Command(name = "members", description = "Lists the members of a Cairn cluster")
final class MembersCommand implements Callable<Integer> {

    private static final String[] STATUS = {"none", "alive", "leaving", "left", "failed"};

    @Mixin
    HttpOptions http;

    @Option(names = "-detailed", description = "Additional information such as protocol versions will be shown")
    boolean detailed;

    @Option(names = "-wan", description = "If the agent is in server mode, this can be used to return the other peers in the WAN pool")
    boolean wan;

    @Option(names = "-status", description = "If provided, output is filtered to only nodes matching the regular expression for status")
    String status;

    @Option(names = "-segment", description = "(Enterprise-only) If provided, output is filtered to only nodes in the given segment")
    String segment;

    /** One row as the CLI reads it from {@code /v1/agent/members}. */
    record Row(String name, String address, String status, boolean server, Map<String, String> tags) {
    }

    @Override
    public Integer call() throws CliException {
        Map<String, String> query = new TreeMap<>();
        if (wan) {
            query.put("wan", "1");
        }
        if (segment != null) {
            query.put("segment", segment);
        }
        AgentClient.Reply reply = AgentClient.expectOk(http.client().get("/v1/agent/members", query), "retrieving members");
        List<Row> rows;
        try {
            rows = rows(reply.json());
        } catch (IOException e) {
            throw new CliException("Error retrieving members: " + e.getMessage());
        }
        if (status != null) {
            Pattern filter = Pattern.compile(status);
            rows = rows.stream().filter(r -> filter.matcher(r.status()).matches()).toList();
        }
        if (rows.isEmpty()) {
            return 2;
        }
        System.out.print(detailed ? detailedTable(rows) : table(rows));
        return 0;
    }

    /** Servers first, then by name. */
    static List<Row> rows(JsonNode members) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode m : members) {
            Map<String, String> tags = new TreeMap<>();
            m.path("Tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            int code = m.path("Status").asInt();
            rows.add(new Row(m.path("Name").asText(), m.path("Addr").asText() + ":" + m.path("Port").asInt(),
                    code >= 0 && code < STATUS.length ? STATUS[code] : "unknown",
                    "consul".equals(tags.get("role")), tags));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.server()).thenComparing(Row::name));
        return rows;
    }

    /** {@code Node  Address  Status  Type  Build  Protocol  DC  Partition  Segment}. */
    static String table(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment"));
        for (Row r : rows) {
            String build = r.tags().getOrDefault("build", "");
            int colon = build.indexOf(':');
            String segment = r.tags().getOrDefault("segment", "");
            lines.add(List.of(r.name(), r.address(), r.status(), r.server() ? "server" : "client",
                    colon < 0 ? build : build.substring(0, colon), r.tags().getOrDefault("vsn", ""),
                    r.tags().getOrDefault("dc", ""), "default",
                    r.server() ? "<all>" : segment.isEmpty() ? "<default>" : segment));
        }
        return CatalogCommand.columns(lines);
    }

    /** {@code Node  Address  Status  Tags}, the tags as sorted {@code k=v} pairs. */
    static String detailedTable(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("Node", "Address", "Status", "Tags"));
        for (Row r : rows) {
            List<String> tags = new ArrayList<>();
            r.tags().forEach((k, v) -> tags.add(k + "=" + v));
            lines.add(List.of(r.name(), r.address(), r.status(), String.join(",", tags)));
        }
        return CatalogCommand.columns(lines);
    }
}
