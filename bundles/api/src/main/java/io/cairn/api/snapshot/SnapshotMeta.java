package io.cairn.api.snapshot;

import java.util.Objects;

/**
 * What a snapshot archive says about itself ({@code meta.json}, Consul's fields).
 *
 * @param id      {@code <term>-<index>-<unix millis>}, as Consul names snapshots
 * @param size    the length of the state in bytes
 * @param index   the Raft index the state is at
 * @param term    the Raft term it was taken in
 * @param version the archive format ({@link SnapshotArchive#VERSION})
 */
public record SnapshotMeta(String id, long size, long index, long term, int version) {

    public SnapshotMeta {
        Objects.requireNonNull(id, "id");
    }

    /** The meta of a state of {@code size} bytes at {@code term}/{@code index}, taken at {@code unixMillis}. */
    public static SnapshotMeta of(long term, long index, long size, long unixMillis) {
        return new SnapshotMeta(term + "-" + index + "-" + unixMillis, size, index, term, SnapshotArchive.VERSION);
    }
}
