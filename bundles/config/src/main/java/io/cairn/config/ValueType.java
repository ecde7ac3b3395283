package io.cairn.config;

import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cairn.api.config.GoDuration;

/**
 * The type of one config key: checks a value as a parser gave it (JSON, or HCL where every
 * number is a double and a repeated block is a list) and returns it in canonical form, or
 * reports what is allowed and returns {@code null}.
 */
@FunctionalInterface
interface ValueType {

    JsonNode check(JsonNode value, Where where);

    JsonNodeFactory NODES = JsonNodeFactory.instance;

    ValueType TEXT = (value, where) -> {
        if (value.isTextual()) {
            return value;
        }
        where.error("must be a string");
        return null;
    };

    ValueType BOOL = (value, where) -> {
        if (value.isBoolean()) {
            return value;
        }
        where.error("must be true or false");
        return null;
    };

    ValueType DURATION = (value, where) -> {
        try {
            if (value.isTextual() && !GoDuration.parse(value.asText()).isNegative()) {
                return value;
            }
        } catch (IllegalArgumentException notADuration) {
            // reported below, with what is allowed
        }
        where.error("must be a duration such as \"30s\", \"1m30s\" or \"1.5h\", got " + value);
        return null;
    };

    /** A port number, or -1 to turn the listener off. */
    ValueType PORT = (value, where) -> {
        if (isInteger(value) && (value.asLong() == -1 || value.asLong() >= 1 && value.asLong() <= 65535)) {
            return NODES.numberNode(value.asInt());
        }
        where.error("must be a port 1..65535, or -1 to disable, got " + value);
        return null;
    };

    ValueType UUID_TEXT = (value, where) -> {
        try {
            if (value.isTextual() && UUID.fromString(value.asText()).toString().equalsIgnoreCase(value.asText())) {
                return value;
            }
        } catch (IllegalArgumentException notAUuid) {
            // reported below
        }
        where.error("must be a UUID such as \"adf4238a-882b-9ddc-4a9d-5b6758e4159e\", got " + value);
        return null;
    };

    /** Gossip encryption key: base64 of 16, 24 or 32 bytes ({@code cairn keygen} makes 32). */
    ValueType GOSSIP_KEY = (value, where) -> {
        try {
            if (value.isTextual() && List.of(16, 24, 32).contains(Base64.getDecoder().decode(value.asText()).length)) {
                return value;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        where.error("must be the base64 encoding of a 16, 24 or 32-byte key (as made by 'cairn keygen')");
        return null;
    };

    ValueType TEXT_LIST = listOf(TEXT);

    ValueType TEXT_MAP = mapOf(TEXT);

    static ValueType integer(long min, long max) {
        return (value, where) -> {
            if (isInteger(value) && value.asLong() >= min && value.asLong() <= max) {
                return NODES.numberNode(value.asLong());
            }
            where.error("must be an integer " + (max == Long.MAX_VALUE ? ">= " + min : min + ".." + max) + ", got " + value);
            return null;
        };
    }

    static ValueType number(double min) {
        return (value, where) -> {
            if (value.isNumber() && value.asDouble() >= min) {
                return NODES.numberNode(value.asDouble());
            }
            where.error("must be a number >= " + min + ", got " + value);
            return null;
        };
    }

    private static boolean isInteger(JsonNode value) {
        return value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
    }

    /** One of {@code allowed}, case-insensitively; given back as spelled in {@code allowed}. */
    static ValueType oneOf(String... allowed) {
        return (value, where) -> {
            for (String choice : allowed) {
                if (value.isTextual() && choice.equalsIgnoreCase(value.asText())) {
                    return NODES.textNode(choice);
                }
            }
            where.error("must be one of " + String.join(", ", allowed) + ", got " + value);
            return null;
        };
    }

    /** Text that must look like {@code pattern}; {@code allowed} says how, in words. */
    static ValueType matching(Pattern pattern, String allowed) {
        return (value, where) -> {
            if (value.isTextual() && pattern.matcher(value.asText()).matches()) {
                return value;
            }
            where.error("must be " + allowed + ", got " + value);
            return null;
        };
    }

    static ValueType listOf(ValueType element) {
        return (value, where) -> {
            if (!value.isArray()) {
                where.error("must be a list");
                return null;
            }
            ArrayNode list = NODES.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                JsonNode checked = element.check(value.get(i), where.at(i));
                if (checked != null) {
                    list.add(checked);
                }
            }
            return list;
        };
    }

    static ValueType mapOf(ValueType entry) {
        return (value, where) -> {
            ObjectNode map = NODES.objectNode();
            for (JsonNode block : value.isArray() ? value : List.of(value)) {
                if (!block.isObject()) {
                    where.error("must be a map of names to values");
                    return null;
                }
                block.properties().forEach(e -> {
                    JsonNode checked = entry.check(e.getValue(), where.at(e.getKey()));
                    if (checked != null) {
                        map.set(e.getKey(), checked);
                    }
                });
            }
            return map;
        };
    }
}
