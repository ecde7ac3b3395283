package io.cairn.store;

/** A value read from the state with the index of the data it came from (at least 1). */
public record Indexed<T>(T value, long index) {
}
