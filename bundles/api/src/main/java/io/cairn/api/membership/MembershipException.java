package io.cairn.api.membership;

/** A join that reached no one, or an operation on a pool this agent is not in. */
public class MembershipException extends Exception {
    private static final long serialVersionUID = 1L;

    public MembershipException(String message) {
        super(message);
    }
}
