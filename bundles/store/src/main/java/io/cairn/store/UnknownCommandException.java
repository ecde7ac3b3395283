package io.cairn.store;

/**
 * The log holds a command this server does not know and may not skip: applying the rest of
 * the log without it would diverge from the other servers, so the server must stop.
 */
public class UnknownCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownCommandException(int typeId) {
        super("unknown command type " + typeId + " in the Raft log; this server is older than the log"
                + " it replicates and stops rather than diverge: upgrade it");
    }
}
