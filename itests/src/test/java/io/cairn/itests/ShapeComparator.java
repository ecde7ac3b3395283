package io.cairn.itests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks a fixture (what Consul answers) and an actual answer together and reports every
 * difference of shape: a field missing, a field spelt with other casing, a value of another
 * JSON type, a field Consul does not send. Values themselves are not compared.
 *
 * <p>Paths name places in the answer: {@code $} the root, {@code .Name} a field,
 * {@code []} any element of an array, {@code .*} any value of a map. The fixture says:
 * <ul>
 * <li>{@code maps}: objects keyed by user data (Meta, TaggedAddresses, service names...): their
 *     keys are not field names; every value is compared with the fixture's first value;</li>
 * <li>{@code nullable}: places where Consul may answer null (any type is then accepted where
 *     the fixture itself holds null);</li>
 * <li>{@code optional}: fields Consul omits when empty ({@code omitempty}): they may be absent;</li>
 * <li>{@code allowExtra}: fields Consul does not send that Cairn may add, harmless to clients;</li>
 * <li>{@code open}: objects of which only the fixture's fields are checked (Consul's own
 *     answer there is larger than what clients read, as {@code DebugConfig}).</li>
 * </ul>
 * Arrays: every actual element is compared with the fixture's first element.
 */
final class ShapeComparator {

    enum Kind { MISSING, CASING, TYPE, EXTRA }

    record Difference(Kind kind, String path, String detail) {
        @Override
        public String toString() {
            return kind + " " + path + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private final Set<String> maps;
    private final Set<String> nullable;
    private final Set<String> optional;
    private final Set<String> allowExtra;
    private final Set<String> open;

    ShapeComparator(Set<String> maps, Set<String> nullable, Set<String> optional, Set<String> allowExtra,
                    Set<String> open) {
        this.maps = Set.copyOf(maps);
        this.nullable = Set.copyOf(nullable);
        this.optional = Set.copyOf(optional);
        this.allowExtra = Set.copyOf(allowExtra);
        this.open = Set.copyOf(open);
    }

    /** The comparator a fixture file describes: its {@code maps}, {@code nullable}... lists. */
    static ShapeComparator of(JsonNode fixture) {
        return new ShapeComparator(strings(fixture, "maps"), strings(fixture, "nullable"),
                strings(fixture, "optional"), strings(fixture, "allowExtra"), strings(fixture, "open"));
    }

    private static Set<String> strings(JsonNode fixture, String list) {
        Set<String> out = new TreeSet<>();
        fixture.path(list).forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Every difference between the shape of {@code expected} and that of {@code actual}. */
    List<Difference> compare(JsonNode expected, JsonNode actual) {
        List<Difference> out = new ArrayList<>();
        walk(expected, actual, "$", out);
        return out;
    }

    private void walk(JsonNode expected, JsonNode actual, String path, List<Difference> out) {
        String expectedType = type(expected);
        String actualType = type(actual);
        if (actualType.equals("null")) {
            if (!expectedType.equals("null") && !nullable.contains(path)) {
                out.add(new Difference(Kind.TYPE, path, "expected " + expectedType + ", got null"));
            }
            return;
        }
        if (expectedType.equals("null")) {
            if (!nullable.contains(path)) {
                out.add(new Difference(Kind.TYPE, path, "expected null, got " + actualType));
            }
            return;
        }
        if (!expectedType.equals(actualType)) {
            out.add(new Difference(Kind.TYPE, path, "expected " + expectedType + ", got " + actualType));
            return;
        }
        if (expected.isArray()) {
            if (!expected.isEmpty()) {
                for (JsonNode element : actual) {
                    walk(expected.get(0), element, path + "[]", out);
                }
            }
        } else if (expected.isObject()) {
            if (maps.contains(path)) {
                Iterator<JsonNode> values = expected.elements();
                if (values.hasNext()) {
                    JsonNode example = values.next();
                    for (JsonNode value : actual) {
                        walk(example, value, path + ".*", out);
                    }
                }
            } else {
                walkObject(expected, actual, path, out);
            }
        }
    }

    private void walkObject(JsonNode expected, JsonNode actual, String path, List<Difference> out) {
        Set<String> casingReported = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            String fieldPath = path + "." + name;
            if (actual.has(name)) {
                walk(field.getValue(), actual.get(name), fieldPath, out);
                continue;
            }
            String otherCase = otherCase(actual, name);
            if (otherCase != null) {
                casingReported.add(otherCase);
                out.add(new Difference(Kind.CASING, fieldPath, "sent as \"" + otherCase + "\""));
            } else if (!optional.contains(fieldPath)) {
                out.add(new Difference(Kind.MISSING, fieldPath, "expected " + type(field.getValue())));
            }
        }
        if (open.contains(path)) {
            return;
        }
        for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String fieldPath = path + "." + name;
            if (!expected.has(name) && !casingReported.contains(name) && !allowExtra.contains(fieldPath)) {
                out.add(new Difference(Kind.EXTRA, fieldPath, "not in Consul's answer"));
            }
        }
    }

    private static String otherCase(JsonNode actual, String name) {
        for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
            String candidate = it.next();
            if (candidate.equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        return null;
    }

    static String type(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.getNodeType().toString().toLowerCase();
    }
}
