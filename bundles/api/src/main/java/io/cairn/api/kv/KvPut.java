package io.cairn.api.kv;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A KV write ({@code PUT /v1/kv/:key}).
 *
 * @param key   the key, not empty
 * @param value the value, at most {@link KvStore#MAX_VALUE_SIZE} bytes
 * @param flags the opaque flags stored with it
 * @param cas   when present, a check-and-set: 0 creates only if absent, N writes only if the
 *              key's ModifyIndex is N
 */
public record KvPut(String key, byte[] value, long flags, OptionalLong cas) {

    public KvPut {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(cas, "cas");
    }

    public static KvPut of(String key, byte[] value) {
        return new KvPut(key, value, 0, OptionalLong.empty());
    }
}
