package io.cairn.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Consul's merge of config sources: blocks merge key by key, lists append, scalars are replaced. */
final class Trees {

    private Trees() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Merges {@code later} into {@code into} (changing it) and returns it. */
    static ObjectNode merge(ObjectNode into, ObjectNode later) {
        later.properties().forEach(entry -> {
            JsonNode earlier = into.get(entry.getKey());
            JsonNode value = entry.getValue();
            if (earlier instanceof ObjectNode earlierBlock && value instanceof ObjectNode laterBlock) {
                merge(earlierBlock, laterBlock);
            } else if (earlier instanceof ArrayNode earlierList && value instanceof ArrayNode laterList) {
                earlierList.addAll(laterList.deepCopy());
            } else {
                into.set(entry.getKey(), value.deepCopy());
            }
        });
        return into;
    }

    /** Merges {@code value} at the dotted {@code path} of {@code into}. */
    static void mergeAt(ObjectNode into, String path, JsonNode value) {
        int dot = path.indexOf('.');
        ObjectNode single = object();
        if (dot < 0) {
            single.set(path, value);
        } else {
            mergeAt(single.putObject(path.substring(0, dot)), path.substring(dot + 1), value);
        }
        merge(into, single);
    }
}
