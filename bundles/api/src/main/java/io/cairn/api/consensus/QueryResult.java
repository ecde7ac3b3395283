package io.cairn.api.consensus;

import java.util.Objects;

import io.cairn.api.http.QueryMeta;

/**
 * A read's value with the facts of the data it came from (index, leader, last contact,
 * consistency served).
 */
public record QueryResult<T>(T value, QueryMeta meta) {

    public QueryResult {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(meta, "meta");
    }
}
