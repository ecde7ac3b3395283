package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ShapeComparatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<String> diff(ShapeComparator comparator, String expected, String actual) throws Exception {
        return comparator.compare(json(expected), json(actual)).stream().map(Object::toString).toList();
    }

    private static final ShapeComparator PLAIN = new ShapeComparator(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    @Test
    void sameShapeWithOtherValuesHasNoDifference() throws Exception {
        assertThat(diff(PLAIN, "{\"ID\":\"a\",\"Port\":1,\"On\":true,\"Tags\":[\"x\"],\"W\":{\"P\":1}}",
                "{\"W\":{\"P\":7.5},\"Tags\":[],\"On\":false,\"Port\":99,\"ID\":\"b\"}")).isEmpty();
    }

    @Test
    void reportsAMissingField() throws Exception {
        assertThat(diff(PLAIN, "{\"ID\":\"a\",\"ExposedPort\":0}", "{\"ID\":\"a\"}"))
                .containsExactly("MISSING $.ExposedPort: expected number");
    }

    @Test
    void reportsOtherCasingOnceNotAsMissingAndExtra() throws Exception {
        assertThat(diff(PLAIN, "{\"ServiceID\":\"a\"}", "{\"ServiceId\":\"a\"}"))
                .containsExactly("CASING $.ServiceID: sent as \"ServiceId\"");
    }

    @Test
    void reportsATypeDifferenceIncludingNumberAsString() throws Exception {
        assertThat(diff(PLAIN, "{\"LockDelay\":15000000000,\"Leader\":true,\"Tags\":[]}",
                "{\"LockDelay\":\"15s\",\"Leader\":\"true\",\"Tags\":{}}"))
                .containsExactly("TYPE $.LockDelay: expected number, got string",
                        "TYPE $.Leader: expected bool, got string",
                        "TYPE $.Tags: expected array, got object");
    }

    @Test
    void nullIsADifferenceUnlessThePathIsNullable() throws Exception {
        assertThat(diff(PLAIN, "[{\"Value\":\"aGk=\"}]", "[{\"Value\":null}]"))
                .containsExactly("TYPE $[].Value: expected string, got null");
        ShapeComparator nullable = new ShapeComparator(Set.of(), Set.of("$[].Value"), Set.of(), Set.of(), Set.of());
        assertThat(diff(nullable, "[{\"Value\":\"aGk=\"}]", "[{\"Value\":null}]")).isEmpty();
        // where Consul's example is null, a nullable place accepts a value of any type
        assertThat(diff(nullable, "[{\"Value\":null}]", "[{\"Value\":\"aGk=\"}]")).isEmpty();
        assertThat(diff(PLAIN, "{\"Errors\":null}", "{\"Errors\":[]}"))
                .containsExactly("TYPE $.Errors: expected null, got array");
    }

    @Test
    void extraFieldsAreReportedUnlessAllowedOrInAnOpenObject() throws Exception {
        assertThat(diff(PLAIN, "{\"ID\":\"a\"}", "{\"ID\":\"a\",\"NodeCheck\":true}"))
                .containsExactly("EXTRA $.NodeCheck: not in Consul's answer");
        ShapeComparator allowed = new ShapeComparator(Set.of(), Set.of(), Set.of(), Set.of("$.NodeCheck"), Set.of());
        assertThat(diff(allowed, "{\"ID\":\"a\"}", "{\"ID\":\"a\",\"NodeCheck\":true}")).isEmpty();
        ShapeComparator open = new ShapeComparator(Set.of(), Set.of(), Set.of(), Set.of(), Set.of("$.DebugConfig"));
        assertThat(diff(open, "{\"DebugConfig\":{\"HTTPPort\":8500}}",
                "{\"DebugConfig\":{\"HTTPPort\":8500,\"ShellPort\":-1}}")).isEmpty();
        // an open object still needs the fixture's fields, with their types
        assertThat(diff(open, "{\"DebugConfig\":{\"HTTPPort\":8500}}", "{\"DebugConfig\":{\"HTTPPort\":\"8500\"}}"))
                .containsExactly("TYPE $.DebugConfig.HTTPPort: expected number, got string");
    }

    @Test
    void optionalFieldsMayBeAbsentButKeepTheirTypeWhenPresent() throws Exception {
        ShapeComparator optional = new ShapeComparator(Set.of(), Set.of(), Set.of("$[].Session"), Set.of(), Set.of());
        assertThat(diff(optional, "[{\"Key\":\"k\",\"Session\":\"s\"}]", "[{\"Key\":\"k\"}]")).isEmpty();
        assertThat(diff(optional, "[{\"Key\":\"k\",\"Session\":\"s\"}]", "[{\"Key\":\"k\",\"Session\":1}]"))
                .containsExactly("TYPE $[].Session: expected string, got number");
    }

    @Test
    void arrayElementsAreAllComparedWithTheFirstExample() throws Exception {
        assertThat(diff(PLAIN, "[{\"Node\":\"a\",\"Port\":1}]", "[{\"Node\":\"a\",\"Port\":1},{\"Node\":\"b\"}]"))
                .containsExactly("MISSING $[].Port: expected number");
        assertThat(diff(PLAIN, "[\"a\"]", "[\"x\",2]")).containsExactly("TYPE $[]: expected string, got number");
        // an empty example array says nothing about elements
        assertThat(diff(PLAIN, "{\"Tags\":[]}", "{\"Tags\":[1,{}]}")).isEmpty();
    }

    @Test
    void mapKeysAreUserDataButValuesAreCompared() throws Exception {
        String expected = "{\"web\":{\"ID\":\"web\",\"Meta\":{\"env\":\"prod\"}}}";
        ShapeComparator maps = new ShapeComparator(Set.of("$", "$.*.Meta"), Set.of(), Set.of(), Set.of(), Set.of());
        assertThat(diff(maps, expected, "{\"db-1\":{\"ID\":\"db-1\",\"Meta\":{\"owner\":\"x\",\"v\":\"2\"}},"
                + "\"db-2\":{\"ID\":\"db-2\",\"Meta\":{}}}")).isEmpty();
        assertThat(diff(maps, expected, "{\"db-1\":{\"Id\":\"db-1\",\"Meta\":{\"v\":2}}}"))
                .containsExactly("CASING $.*.ID: sent as \"Id\"", "TYPE $.*.Meta.*: expected string, got number");
        // without the map marking, the user's keys would be reported as fields
        assertThat(diff(PLAIN, expected, "{\"db-1\":{\"ID\":\"db-1\",\"Meta\":{}}}"))
                .containsExactly("MISSING $.web: expected object", "EXTRA $.db-1: not in Consul's answer");
    }

    @Test
    void theFixtureFileNamesItsLists() throws Exception {
        JsonNode fixture = json("{\"maps\":[\"$.Meta\"],\"nullable\":[\"$.Coord\"],\"optional\":[\"$.xDS\"],"
                + "\"allowExtra\":[\"$.Extra\"],\"open\":[\"$.DebugConfig\"],"
                + "\"body\":{\"Meta\":{\"k\":\"v\"},\"Coord\":{},\"xDS\":{},\"DebugConfig\":{}}}");
        ShapeComparator comparator = ShapeComparator.of(fixture);
        assertThat(comparator.compare(fixture.get("body"),
                json("{\"Meta\":{\"a\":\"b\"},\"Coord\":null,\"DebugConfig\":{\"X\":1},\"Extra\":1}"))).isEmpty();
    }
}
