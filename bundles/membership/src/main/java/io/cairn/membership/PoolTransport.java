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

    /** Enters the pool announcing {@code self}, first contacting {@code seeds}. */
    void start(Member self, List<InetSocketAddress> seeds, Events events) throws Exception;

    /**
     * Contacts the given addresses and merges their pool with ours.
     *
     * @return how many of them are members of our pool afterwards (this agent not counted)
     */
    int join(List<InetSocketAddress> addresses);

    /** Tells every member, this one included. */
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
