package io.cairn.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.cairn.api.membership.Member;

/** {@code consul members}: Consul's columns, servers first then by name; {@code -detailed} with the tags. */
public final class MembersOutput {

    private MembersOutput() {
    }

    /** One member as the table shows it: {@code address} is {@code ip:port}, {@code status} its word. */
    public record Row(String name, String address, String status, boolean server, Map<String, String> tags) {
        public Row {
            tags = new TreeMap<>(tags);
        }

        public static Row of(Member m) {
            return new Row(m.name(), m.addr() + ":" + m.port(), m.status().label(), m.server(), m.tags());
        }
    }

    /** The rows whose status word matches the regular expression whole ({@code -status}). */
    public static List<Row> withStatus(List<Row> rows, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return rows.stream().filter(r -> pattern.matcher(r.status()).matches()).toList();
    }

    /** Servers first, then by name. */
    public static List<Row> sorted(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((Row r) -> !r.server()).thenComparing(Row::name));
        return sorted;
    }

    /** {@code Node  Address  Status  Type  Build  Protocol  DC  Partition  Segment}. */
    public static String table(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("Node", "Address", "Status", "Type", "Build", "Protocol", "DC", "Partition", "Segment"));
        for (Row r : sorted(rows)) {
            String build = r.tags().getOrDefault("build", "");
            int colon = build.indexOf(':');
            String segment = r.tags().getOrDefault("segment", "");
            lines.add(List.of(r.name(), r.address(), r.status(), r.server() ? "server" : "client",
                    colon < 0 ? build : build.substring(0, colon), r.tags().getOrDefault("vsn", ""),
                    r.tags().getOrDefault("dc", ""), "default",
                    r.server() ? "<all>" : segment.isEmpty() ? "<default>" : segment));
        }
        return Columns.of(lines);
    }

    /** {@code Node  Address  Status  Tags}, the tags as sorted {@code k=v} pairs. */
    public static String detailedTable(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("Node", "Address", "Status", "Tags"));
        for (Row r : sorted(rows)) {
            List<String> tags = new ArrayList<>();
            r.tags().forEach((k, v) -> tags.add(k + "=" + v));
            lines.add(List.of(r.name(), r.address(), r.status(), String.join(",", tags)));
        }
        return Columns.of(lines);
    }
}
