package io.cairn.api.membership;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears of changes in the LAN pool (the catalog reconciles its nodes and their
 * {@code serfHealth} from these). Called on a membership thread, after the change: keep it
 * short. Each method gets the member as it is now.
 */
@ConsumerType
public interface MemberListener {

    /** A member appeared, or came back alive after failing or leaving. */
    default void joined(Member member) {
    }

    /** An alive member announced different tags or address (it restarted with a new config). */
    default void updated(Member member) {
    }

    /** A member vanished without leaving. */
    default void failed(Member member) {
    }

    /** A member left gracefully, or was force-left. */
    default void left(Member member) {
    }

    /** A failed or left member was dropped from the list (reconnect timeout, or force-leave with prune). */
    default void reaped(Member member) {
    }
}
