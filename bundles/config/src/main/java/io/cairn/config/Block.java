package io.cairn.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A block of named keys ({@code ports { ... }}, or the file itself). An unknown key is an
 * error that lists the allowed ones; an alias stores its value under another key, and a
 * deprecated alias also warns. A block repeated in HCL arrives as a list and is merged.
 */
final class Block implements ValueType {

    private record Key(ValueType type, String target, boolean deprecated) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    Block key(String name, ValueType type) {
        keys.put(name, new Key(type, name, false));
        return this;
    }

    /** {@code name} is another spelling of the key at dotted path {@code target}. */
    Block alias(String name, ValueType type, String target) {
        keys.put(name, new Key(type, target, false));
        return this;
    }

    /** {@code name} still works but warns: its value goes to dotted path {@code target}. */
    Block deprecated(String name, ValueType type, String target) {
        keys.put(name, new Key(type, target, true));
        return this;
    }

    @Override
    public ObjectNode check(JsonNode value, Where where) {
        ObjectNode checked = Trees.object();
        for (JsonNode block : value.isArray() ? value : List.of(value)) {
            if (!block.isObject()) {
                where.error("must be a block with keys " + allowed());
                return null;
            }
            block.properties().forEach(entry -> {
                Where at = where.at(entry.getKey());
                Key key = keys.get(entry.getKey());
                if (key == null) {
                    at.error("unknown key; allowed: " + allowed());
                    return;
                }
                JsonNode canonical = key.type().check(entry.getValue(), at);
                if (canonical == null) {
                    return;
                }
                if (key.deprecated()) {
                    at.warning("deprecated, use " + key.target() + " instead (value applied)");
                }
                Trees.mergeAt(checked, key.target(), canonical);
            });
        }
        return checked;
    }

    /** A list of such blocks; a single block counts as a list of one ({@code service} vs {@code services}). */
    ValueType list() {
        return (value, where) -> {
            ArrayNode list = NODES.arrayNode();
            int count = value.isArray() ? value.size() : 1;
            for (int i = 0; i < count; i++) {
                JsonNode block = value.isArray() ? check(value.get(i), where.at(i)) : check(value, where);
                if (block != null) {
                    list.add(block);
                }
            }
            return list;
        };
    }

    private String allowed() {
        return keys.entrySet().stream()
                .filter(key -> !key.getValue().deprecated())
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
    }
}
