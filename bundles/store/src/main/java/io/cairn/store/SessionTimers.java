package io.cairn.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.cairn.api.session.Session;

/**
 * The leader's TTL timers: a session with a TTL is reaped at twice its TTL after it was
 * created or last renewed (Consul's contract: never before the TTL, no promise after; some
 * clients depend on exactly 2×). Only the leader keeps timers, on its own clock; followers
 * never expire anything. A new leader starts every timer afresh, as Consul does, so a leader
 * change never cuts a session short. An expiry is a destroy sent through the log.
 *
 * <p>Time moves only through {@link #expireDue()}, which the owner calls on a schedule and a
 * test calls after moving its clock. Thread-safe: one lock around the deadlines.
 */
public final class SessionTimers {

    /** Consul's {@code SessionTTLMultiplier}. */
    static final int TTL_MULTIPLIER = 2;

    private final Clock clock;
    private final Consumer<String> expire;
    private final Map<String, Instant> deadlines = new HashMap<>();
    private boolean leading;

    /** @param expire sends the destroy of an expired session through the log */
    public SessionTimers(Clock clock, Consumer<String> expire) {
        this.clock = clock;
        this.expire = expire;
    }

    /** This server became leader: every session with a TTL gets a full 2×TTL from now. */
    public synchronized void lead(Collection<Session> sessions) {
        leading = true;
        deadlines.clear();
        sessions.forEach(this::arm);
    }

    /** This server is no longer leader: its timers mean nothing now. */
    public synchronized void follow() {
        leading = false;
        deadlines.clear();
    }

    public synchronized boolean leading() {
        return leading;
    }

    /** A session was created or renewed (as applied here): on the leader, its timer restarts. */
    public synchronized void renewed(Session session) {
        if (leading) {
            arm(session);
        }
    }

    /** A session ended: its timer goes. */
    public synchronized void ended(String id) {
        deadlines.remove(id);
    }

    /** When the leader will reap a session, if it has a timer. */
    public synchronized Instant deadline(String id) {
        return deadlines.get(id);
    }

    /** Expires every session whose deadline has passed; the destroys are sent outside the lock. */
    public void expireDue() {
        List<String> due = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            deadlines.entrySet().removeIf(e -> {
                boolean passed = !e.getValue().isAfter(now);
                if (passed) {
                    due.add(e.getKey());
                }
                return passed;
            });
        }
        due.forEach(expire);
    }

    private void arm(Session session) {
        session.ttl().filter(ttl -> !ttl.isZero()).ifPresent(ttl ->
                deadlines.put(session.id(), clock.instant().plus(ttl.multipliedBy(TTL_MULTIPLIER))));
    }

    /** How often the owner should call {@link #expireDue()}: well under the shortest TTL. */
    public static Duration tick() {
        return Duration.ofMillis(250);
    }
}
