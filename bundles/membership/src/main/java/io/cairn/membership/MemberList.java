package io.cairn.membership;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.MemberStatus;

/**
 * The members of one pool and their status, keyed by node name. One method per transition;
 * each guards the transitions it does not make. Departed members (failed, left) stay listed,
 * as Consul shows them, until {@link #reap()} drops those older than the reconnect timeout.
 *
 * <p>Locking: every method is synchronized; listeners are told after the change, outside the
 * lock, in the order the changes were made.
 */
public final class MemberList {

    private record Entry(Member member, Instant since) {
    }

    private final Clock clock;
    private final Duration reconnectTimeout;
    private final Map<String, Entry> members = new LinkedHashMap<>();
    private final List<MemberListener> listeners = new CopyOnWriteArrayList<>();

    public MemberList(Clock clock, Duration reconnectTimeout) {
        this.clock = clock;
        this.reconnectTimeout = reconnectTimeout;
    }

    public void addListener(MemberListener listener) {
        listeners.add(listener);
    }

    public void removeListener(MemberListener listener) {
        listeners.remove(listener);
    }

    /** Every member, departed ones included, by name. */
    public synchronized List<Member> members() {
        return members.values().stream().map(Entry::member).sorted(Comparator.comparing(Member::name)).toList();
    }

    public synchronized Optional<Member> member(String name) {
        return Optional.ofNullable(members.get(name)).map(Entry::member);
    }

    /** The member is in the pool's view, announcing {@code announced}: new, back, or changed. */
    public void alive(Member announced) {
        Member member = announced.withStatus(MemberStatus.ALIVE);
        BiConsumer<MemberListener, Member> event;
        synchronized (this) {
            Entry known = members.get(member.name());
            if (known != null && known.member().status() == MemberStatus.LEAVING) {
                return; // it stays leaving until it is gone from the view
            }
            if (known != null && known.member().equals(member)) {
                return; // nothing new: a view repeats every member on every change
            }
            event = known == null || known.member().status() != MemberStatus.ALIVE
                    ? MemberListener::joined
                    : MemberListener::updated;
            put(member);
        }
        tell(event, member);
    }

    /** The member announced its leave: it is leaving, or left if it already dropped out of the view. */
    public void leaving(String name) {
        Member left;
        synchronized (this) {
            Entry known = members.get(name);
            if (known == null) {
                return; // never seen: nothing to show
            }
            if (known.member().status() == MemberStatus.ALIVE) {
                put(known.member().withStatus(MemberStatus.LEAVING));
                return; // no event yet: it is still in the pool
            }
            if (known.member().status() != MemberStatus.FAILED) {
                return;
            }
            // the announcement lost the race with the view change: it left, it did not fail
            left = put(known.member().withStatus(MemberStatus.LEFT));
        }
        tell(MemberListener::left, left);
    }

    /** The member dropped out of the pool's view: left if it announced it, failed otherwise. */
    public void departed(String name) {
        Member changed;
        BiConsumer<MemberListener, Member> event;
        synchronized (this) {
            Entry known = members.get(name);
            if (known == null) {
                return;
            }
            switch (known.member().status()) {
                case ALIVE -> {
                    changed = put(known.member().withStatus(MemberStatus.FAILED));
                    event = MemberListener::failed;
                }
                case LEAVING -> {
                    changed = put(known.member().withStatus(MemberStatus.LEFT));
                    event = MemberListener::left;
                }
                default -> {
                    return; // already departed
                }
            }
        }
        tell(event, changed);
    }

    /**
     * Consul's force-leave: a failed member is marked left (its services go for good); with
     * {@code prune} it is dropped from the list at once. An alive member is not touched: it
     * would only rejoin.
     *
     * @return false when the member is unknown
     */
    public boolean forceLeave(String name, boolean prune) {
        List<Runnable> events = new ArrayList<>();
        synchronized (this) {
            Entry known = members.get(name);
            if (known == null) {
                return false;
            }
            Member member = known.member();
            if (member.status() == MemberStatus.FAILED) {
                Member left = put(member.withStatus(MemberStatus.LEFT));
                events.add(() -> tell(MemberListener::left, left));
                member = left;
            }
            if (prune && departed(member)) {
                members.remove(name);
                Member pruned = member;
                events.add(() -> tell(MemberListener::reaped, pruned));
            }
        }
        events.forEach(Runnable::run);
        return true;
    }

    /** Drops failed and left members that have been so for longer than the reconnect timeout. */
    public void reap() {
        List<Member> reaped = new ArrayList<>();
        synchronized (this) {
            Instant cutoff = clock.instant().minus(reconnectTimeout);
            members.values().removeIf(e -> {
                boolean expired = departed(e.member()) && e.since().isBefore(cutoff);
                if (expired) {
                    reaped.add(e.member());
                }
                return expired;
            });
        }
        reaped.forEach(m -> tell(MemberListener::reaped, m));
    }

    private static boolean departed(Member member) {
        return member.status() == MemberStatus.FAILED || member.status() == MemberStatus.LEFT;
    }

    private Member put(Member member) {
        members.put(member.name(), new Entry(member, clock.instant()));
        return member;
    }

    private void tell(BiConsumer<MemberListener, Member> event, Member member) {
        for (MemberListener listener : listeners) {
            event.accept(listener, member);
        }
    }
}
