package io.cairn.api.consensus;

/**
 * A read or write the consensus store refused or could not complete. The message is
 * Consul's wording; the reason tells the HTTP layer which status to answer.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The request itself is wrong (400). */
        BAD_REQUEST,
        /** A value above the size limit (413). */
        TOO_LARGE,
        /** No leader is known, or this server could not reach it (500 {@code No cluster leader}). */
        NO_LEADER,
        /** The store is not running or failed (500). */
        UNAVAILABLE
    }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
