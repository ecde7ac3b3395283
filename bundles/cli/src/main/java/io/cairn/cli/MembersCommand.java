package io.cairn.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.format.MembersOutput;

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
        List<MembersOutput.Row> rows;
        try {
            rows = rows(reply.json());
        } catch (IOException e) {
            throw new CliException("Error retrieving members: " + e.getMessage());
        }
        if (status != null) {
            rows = MembersOutput.withStatus(rows, status);
        }
        if (rows.isEmpty()) {
            return 2;
        }
        System.out.print(detailed ? MembersOutput.detailedTable(rows) : MembersOutput.table(rows));
        return 0;
    }

    /** The rows of {@code /v1/agent/members}' answer. */
    static List<MembersOutput.Row> rows(JsonNode members) {
        List<MembersOutput.Row> rows = new ArrayList<>();
        for (JsonNode m : members) {
            Map<String, String> tags = new TreeMap<>();
            m.path("Tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            int code = m.path("Status").asInt();
            rows.add(new MembersOutput.Row(m.path("Name").asText(), m.path("Addr").asText() + ":" + m.path("Port").asInt(),
                    code >= 0 && code < STATUS.length ? STATUS[code] : "unknown",
                    "consul".equals(tags.get("role")), tags));
        }
        return rows;
    }
}
