package io.cairn.api.membership;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This agent's membership of its data centre's LAN pool and, for a server, of the WAN pool.
 * Failed and left members stay in the lists, as Consul shows them, until reaped.
 */
@ProviderType
public interface Membership {

    /** The members of the LAN pool, or of the WAN pool ({@code wan}; empty on a client). */
    List<Member> members(boolean wan);

    /**
     * Whether this agent has entered its LAN pool. An agent serves at once and enters the pool
     * in the background (its seeds may be starting too); until it has, {@link #members} lists
     * it alone, which says nothing about the others.
     *
     * @since 1.2
     */
    boolean entered();

    /**
     * Contacts the given addresses ({@code host} or {@code host:port}, the pool's port by
     * default) and merges their pool with ours.
     *
     * @return how many of them answered
     * @throws MembershipException when none answered, or this agent has no WAN pool
     */
    int join(List<String> addresses, boolean wan) throws MembershipException;

    /** Leaves every pool gracefully: the others see this agent as left. */
    void leave();

    /**
     * Marks a failed member left (Consul's force-leave); with {@code prune}, drops it from the
     * list at once.
     *
     * @return false when no such member is known
     */
    boolean forceLeave(String node, boolean prune, boolean wan);

    void addListener(MemberListener listener);

    void removeListener(MemberListener listener);

    /**
     * Fires a user event: sends it to every member of the LAN pool, this agent included
     * (through {@link UserEventListener}s), stamped with a new id and the pool's Lamport time.
     *
     * @return the event as sent
     * @throws MembershipException when this agent is not (or no longer) in the pool
     * @since 1.1
     */
    UserEvent fireEvent(String name, byte[] payload, String nodeFilter, String serviceFilter, String tagFilter)
            throws MembershipException;

    /** @since 1.1 */
    void addEventListener(UserEventListener listener);

    /** @since 1.1 */
    void removeEventListener(UserEventListener listener);
}
