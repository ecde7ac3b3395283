package io.cairn.api.http;

/** Consul's read modes, chosen by {@code ?stale} / {@code ?consistent}; absent means DEFAULT. */
public enum Consistency {
    /** Answered by the leader under its lease. */
    DEFAULT,
    /** Answered by any server; may lag. */
    STALE,
    /** Answered by the leader after confirming leadership (ReadIndex). */
    CONSISTENT;

    /** The value of the {@code X-Consul-Effective-Consistency} header. */
    public String headerValue() {
        return switch (this) {
            case DEFAULT -> "leader";
            case STALE -> "stale";
            case CONSISTENT -> "consistent";
        };
    }
}
