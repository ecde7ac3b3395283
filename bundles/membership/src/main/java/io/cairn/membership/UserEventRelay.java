package io.cairn.membership;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.membership.MembershipException;
import io.cairn.api.membership.UserEvent;
import io.cairn.api.membership.UserEventListener;

/**
 * User events on one pool (serf's user events): stamps what this agent fires with a new id
 * and the pool's Lamport time, sends it, and hands every event that arrives (this agent's
 * own come back through the pool) to the listeners, advancing the clock past it.
 */
public final class UserEventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(UserEventRelay.class);

    /** serf's {@code UserEventSizeLimit}: name and payload together, before encoding. */
    public static final int SIZE_LIMIT = 512;

    private final AtomicLong clock = new AtomicLong();
    private final List<UserEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<UserEvent> send;
    private final Supplier<String> ids;

    /** @param send what puts an event on the pool, to every member this one included */
    public UserEventRelay(Consumer<UserEvent> send) {
        this(send, () -> UUID.randomUUID().toString());
    }

    UserEventRelay(Consumer<UserEvent> send, Supplier<String> ids) {
        this.send = send;
        this.ids = ids;
    }

    public UserEvent fire(String name, byte[] payload, String nodeFilter, String serviceFilter, String tagFilter)
            throws MembershipException {
        byte[] body = payload == null ? new byte[0] : payload;
        int size = name.getBytes(StandardCharsets.UTF_8).length + body.length;
        if (size > SIZE_LIMIT) {
            throw new MembershipException("user event exceeds configured limit of " + SIZE_LIMIT
                    + " bytes before encoding");
        }
        UserEvent event = new UserEvent(ids.get(), name, body, nodeFilter, serviceFilter, tagFilter,
                UserEvent.VERSION, clock.getAndIncrement());
        send.accept(event);
        return event;
    }

    /** An event from the pool: the clock moves past its time, then every listener hears of it. */
    public void received(UserEvent event) {
        clock.accumulateAndGet(event.lTime() + 1, Math::max);
        for (UserEventListener listener : listeners) {
            try {
                listener.received(event);
            } catch (RuntimeException e) {
                LOG.warn("A user event listener failed on event {} ({})", event.name(), event.id(), e);
            }
        }
    }

    /** The Lamport time the next event fired here gets. */
    public long time() {
        return clock.get();
    }

    public void addListener(UserEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(UserEventListener listener) {
        listeners.remove(listener);
    }
}
