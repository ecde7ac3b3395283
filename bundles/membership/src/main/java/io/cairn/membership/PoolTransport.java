package io.cairn.membership;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.UserEvent;

/**
 * How a pool reaches its peers: JGroups in an agent ({@link JGroupsTransport}), a fake in the
 * unit tests. It delivers views (who is in the pool now) and intents (what members announce).
 */
public interface PoolTransport extends AutoCloseable {

    /** What the transport tells the pool, on its own threads, one call at a time. */
    interface Events {
        /** Every member in the pool now, this agent included, as each announced itself. */
        void view(List<Member> members);

        void intent(Intent intent);

        /** A member (this one included) asks every member to apply a keyring operation and answer through {@code reply}. */
        void keyring(KeyringMessage.Request request, Consumer<KeyringMessage.Reply> reply);

        /** A member answered a keyring request this agent made. */
        void keyringReply(KeyringMessage.Reply reply);

        /** A user event fired by a member, this one included. */
        void userEvent(UserEvent event);
    }

    /**
     * Makes ready to enter the pool announcing {@code self}, first contacting {@code seeds}:
     * nothing goes out yet; from now on {@link #join} may add seeds and {@link #announce} new tags.
     */
    void open(Member self, List<InetSocketAddress> seeds, Events events) throws Exception;

    /**
     * Enters the pool: returns once this agent is in a view, with the members that answered
     * or alone. Blocks while the seeds are themselves entering it (a whole cluster restarted
     * at once), for up to the join attempts the transport allows; a {@link #leave} or
     * {@link #close} meanwhile waits until it returns.
     */
    void connect() throws Exception;

    /**
     * Contacts the given addresses and merges their pool with ours (before {@link #connect}
     * returns: adds them to the seeds it contacts).
     *
     * @return how many of them are members of our pool afterwards (this agent not counted)
     */
    int join(List<InetSocketAddress> addresses);

    /**
     * Stops contacting a member that left, was force-left or reaped: until then a pool keeps
     * probing a failed member's address to heal a partition, as Serf reconnects to failed members
     * until {@code reconnect_timeout}.
     */
    void forget(Member member);

    /** Tells every member, this one included (nobody, before {@link #connect} returned). */
    void broadcast(Intent intent);

    /**
     * Announces this agent anew (other tags, after a reload): every member's view shows it
     * so from now on, members that join later included.
     */
    void announce(Member self);

    /** Asks every member, this one included, to apply a keyring operation; replies come to {@link Events#keyringReply}. */
    void keyring(KeyringMessage.Request request);

    /** Sends a user event to every member, this one included. */
    void userEvent(UserEvent event);

    /** Leaves the pool; the others see this agent drop out of their view. */
    void leave();

    @Override
    void close();
}
