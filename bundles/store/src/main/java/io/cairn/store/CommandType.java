package io.cairn.store;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The type ids of the commands in the Raft log.
 *
 * <p>ONLY APPEND TO THIS LIST. An id written to a log stays in it forever: never reuse or
 * renumber one, or a server replaying an old log would apply it as something else. A type
 * whose id has {@link #IGNORABLE} set may be skipped by an older server that does not know
 * it; any other unknown type stops the server rather than let it diverge.
 */
public enum CommandType {
    KV_SET(1),
    KV_CAS(2),
    KV_DELETE(3),
    KV_DELETE_CAS(4),
    KV_DELETE_TREE(5),
    SESSION_CREATE(6),
    SESSION_DESTROY(7),
    SESSION_RENEW(8),
    KV_LOCK(9),
    KV_UNLOCK(10),
    TXN(11),
    SNAPSHOT_RESTORE(12),
    /** Removes KV tombstones up to an index, proposed by the leader once they are old enough. */
    TOMBSTONE_REAP(13),
    /** Independent KV writes in one entry, each with its own outcome: group commit. */
    BATCH(14),
    CATALOG_REGISTER(20),
    CATALOG_DEREGISTER(21),
    /** The auto_encrypt CA, proposed once by the first leader that finds none. */
    CA_INITIALIZE(30);

    /** The high bit of an id: an older server may skip this command. */
    public static final int IGNORABLE = 0x80;

    private static final Map<Integer, CommandType> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.id, Function.identity()));

    private final int id;

    CommandType(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<CommandType> byId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
