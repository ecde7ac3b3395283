package io.cairn.api.membership;

/** A member's status, numbered as Consul (serf) numbers it in {@code /v1/agent/members}. */
public enum MemberStatus {
    NONE(0),
    ALIVE(1),
    /** It announced its leave and is still in the pool. */
    LEAVING(2),
    /** It left gracefully (or was force-left). */
    LEFT(3),
    /** It vanished without leaving: crashed, paused or cut off. */
    FAILED(4);

    private final int code;

    MemberStatus(int code) {
        this.code = code;
    }

    /** The number Consul's API and CLI use. */
    public int code() {
        return code;
    }

    /** The word {@code consul members} prints. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
