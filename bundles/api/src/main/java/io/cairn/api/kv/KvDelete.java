package io.cairn.api.kv;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A KV delete ({@code DELETE /v1/kv/:key}).
 *
 * @param key     the key, or with {@code recurse} the prefix ("" is the whole store)
 * @param recurse delete every key starting with {@code key}
 * @param cas     when present, delete only if the key's ModifyIndex is this value (above 0)
 */
public record KvDelete(String key, boolean recurse, OptionalLong cas) {

    public KvDelete {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cas, "cas");
    }

    public static KvDelete key(String key) {
        return new KvDelete(key, false, OptionalLong.empty());
    }

    public static KvDelete tree(String prefix) {
        return new KvDelete(prefix, true, OptionalLong.empty());
    }
}
