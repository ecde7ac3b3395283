package io.cairn.membership;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.EmptyMessage;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.util.ByteArrayDataInputStream;
import org.jgroups.util.ByteArrayDataOutputStream;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;

/**
 * FD_ALL3's heartbeats on a ring: each member heartbeats only the next {@value #WATCHERS}
 * members of the view and watches only the previous {@value #WATCHERS}, where FD_ALL3 has
 * every member heartbeat every other. A pool then carries N heartbeats per interval instead of
 * N², flat per member whatever the pool's size (at 100 members FD_ALL3's were 95% of the
 * pool's messages), and a paused or cut-off member is still suspected after the same timeout,
 * by the members that watch it.
 *
 * <p>FD_ALL3 acts on a suspicion only on the coordinator (every member suspects, the
 * coordinator excludes); here only the watchers see it, so a watcher tells the coordinator
 * (or the next in line when the coordinator is the suspect), with every check until the
 * suspect is gone from the view, and the coordinator verifies it (VERIFY_SUSPECT2) and
 * excludes it as it would its own suspicion.
 *
 * <p>A member this one starts to watch at a view change is timed from the first message heard
 * from it, or from the end of a grace (the join timeout) if none comes: it heartbeats its
 * watchers by its own view, which may reach it seconds later than this member's (a joiner's
 * join response, the view of a pool that grew by dozens at once). At 100 members started
 * together, the last members installed the view of 100 2-13 s after the coordinator, and their
 * watchers suspected them after 2 s. A member that never comes up is still caught: its
 * failure-detection socket (FD_SOCK2) does not answer.
 *
 * <p>A silent member is suspected only once {@value #AGREEING} of its watchers reported it within
 * the heartbeat timeout (the coordinator's own silence counts as one report). A watcher that is
 * itself stalled (its JVM starved, its receive queues behind) hears none of its predecessors and
 * reports them all: at 100 members started at once the coordinator excluded healthy members
 * three consecutive ones at a time, each reported by the one watcher after them. A member that
 * really paused goes silent for all its watchers, which all report it.
 *
 * <p>Heartbeats, reports and the verifier's checks and answers (VERIFY_SUSPECT2, just above, sends
 * them through here) go out of band and unbundled: a member's one send queue also carries the
 * connection set-ups to every member of a new view (at 100 members, ~99 one after the other,
 * seconds under load), and a member's regular messages are delivered one at a time in order;
 * behind either, a healthy member's heartbeat or answer came too late and it was excluded.
 *
 * <p>Wire: FD_ALL3's protocol id and heartbeat header (it takes FD_ALL3's place in the stack);
 * a report is a heartbeat whose payload lists the suspects.
 */
final class RingHeartbeats extends FD_ALL3 {

    /** Members watching each member: a member is still watched when up to two members before it pause with it. */
    static final int WATCHERS = 3;

    private static final short VERIFY_ID = ClassConfigurator.getProtocolId(VERIFY_SUSPECT2.class);

    /**
     * Different watchers that must report a silent member before it is suspected (fewer when it
     * has fewer watchers, in a pool of two).
     */
    static final int AGREEING = 2;

    private final Reports<Address> reports = new Reports<>();
    private volatile List<Address> watched = List.of();
    private volatile List<Address> heartbeated = List.of();
    private final FirstWord<Address> newlyWatched = new FirstWord<>();
    private volatile long graceNanos;

    RingHeartbeats() {
        setId(ClassConfigurator.getProtocolId(FD_ALL3.class));
    }

    /**
     * The {@code count} members after {@code self} in the view, in ring order ({@code step} 1),
     * or before it ({@code step} -1); fewer in a smaller view, never {@code self}.
     */
    static <T> List<T> neighbours(List<T> ring, T self, int step, int count) {
        int at = ring.indexOf(self);
        List<T> neighbours = new ArrayList<>();
        if (at < 0) {
            return neighbours;
        }
        for (int i = 1; i <= Math.min(count, ring.size() - 1); i++) {
            neighbours.add(ring.get(Math.floorMod(at + step * i, ring.size())));
        }
        return neighbours;
    }

    /** How long a newly watched member may stay silent before its silence counts (see the class comment). */
    RingHeartbeats setGrace(Duration grace) {
        graceNanos = grace.toNanos();
        return this;
    }

    @Override
    protected void handleViewChange(View view) {
        List<Address> before = watched;
        watched = neighbours(view.getMembers(), local_addr, -1, WATCHERS);
        heartbeated = neighbours(view.getMembers(), local_addr, 1, WATCHERS);
        newlyWatched.watch(before, watched, System.nanoTime() + graceNanos);
        super.handleViewChange(view);
        retainKeys(watched);
        reports.retain(view.getMembers());
    }

    /** Only the watched members' silence counts; anyone else's messages are not this member's to time. */
    @Override
    protected void update(Address sender, boolean logMessage, boolean skipIfExists) {
        if (watched.contains(sender)) {
            if (!skipIfExists) { // a message, not the view change that starts the member's timing
                newlyWatched.heard(sender);
            }
            super.update(sender, logMessage, skipIfExists);
        }
    }

    @Override
    protected <T> boolean needsToBeSuspected(Address member, T bitmap) {
        return super.needsToBeSuspected(member, bitmap) && !newlyWatched.excused(member, System.nanoTime());
    }

    /**
     * Members newly watched and not heard from yet, each until its deadline ({@link System#nanoTime}
     * values): until then its silence is excused.
     */
    static final class FirstWord<A> {
        private final Map<A, Long> until = new ConcurrentHashMap<>();

        /** A view change: the members watched now and not before wait for their first word until the deadline. */
        void watch(List<A> before, List<A> now, long deadline) {
            until.keySet().retainAll(now);
            for (A member : now) {
                if (!before.contains(member)) {
                    until.put(member, deadline);
                }
            }
        }

        void heard(A member) {
            until.remove(member);
        }

        boolean excused(A member, long now) {
            Long deadline = until.get(member);
            return deadline != null && now - deadline < 0;
        }
    }

    @Override
    protected void startHeartbeatSender() {
        lock.lock();
        try {
            if (!isHeartbeatSenderRunning()) {
                // may block: unbundled, a heartbeat is sent (and its connection set up) by this task
                heartbeat_sender = timer.scheduleWithFixedDelay(this::heartbeat, 0, interval, TimeUnit.MILLISECONDS, true);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every interval, even when this member multicast since the last one (FD_ALL3 then skips it):
     * the multicast may still wait in the send queue.
     */
    private void heartbeat() {
        for (Address watcher : heartbeated) {
            down_prot.down(urgent(new EmptyMessage(watcher).putHeader(id, new HeartbeatHeader())));
            num_heartbeats_sent++;
        }
    }

    /** This watcher's suspicion goes to whoever would coordinate without the suspects, which may be this member. */
    @Override
    protected void suspect(List<Address> suspects) {
        Address coordinator;
        synchronized (this) {
            coordinator = members.stream().filter(m -> !suspects.contains(m)).findFirst().orElse(null);
        }
        if (coordinator == null || coordinator.equals(local_addr)) {
            agreed(local_addr, suspects);
            return;
        }
        try {
            ByteArrayDataOutputStream out = new ByteArrayDataOutputStream();
            Util.writeAddresses(suspects, out);
            down_prot.down(urgent(new BytesMessage(coordinator, out.buffer(), 0, out.position())
                    .putHeader(id, new HeartbeatHeader())));
        } catch (IOException e) {
            log.warn("%s: could not report suspects %s to %s: %s", local_addr, suspects, coordinator, e);
        }
    }

    /** The verifier's checks and answers skip the queues too (see the class comment). */
    @Override
    public Object down(Message msg) {
        if (msg.getHeader(VERIFY_ID) != null) {
            urgent(msg);
        }
        return super.down(msg);
    }

    private static Message urgent(Message msg) {
        return msg.setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE);
    }

    /**
     * A watcher's suspicion (this member's own included): the suspects that enough of their
     * watchers now agree on are suspected (see the class comment).
     */
    private void agreed(Address watcher, List<Address> suspects) {
        int others;
        synchronized (this) {
            others = members.size() - 1;
        }
        int needed = Math.min(AGREEING, Math.min(WATCHERS, others));
        long now = System.nanoTime();
        List<Address> agreed = suspects.stream()
                .filter(s -> reports.report(s, watcher, now, TimeUnit.MILLISECONDS.toNanos(timeout)) >= needed)
                .toList();
        if (!agreed.isEmpty()) {
            super.suspect(agreed);
        }
    }

    /**
     * The watchers that reported each suspect, each with when it last did: watchers report
     * every check interval while the silence lasts, so a report older than the heartbeat
     * timeout no longer counts.
     */
    static final class Reports<A> {
        private final Map<A, Map<A, Long>> bySuspect = new ConcurrentHashMap<>();

        /** Records the report; returns how many different watchers reported the suspect within {@code windowNanos}. */
        int report(A suspect, A watcher, long nowNanos, long windowNanos) {
            Map<A, Long> watchers = bySuspect.computeIfAbsent(suspect, k -> new ConcurrentHashMap<>());
            watchers.put(watcher, nowNanos);
            watchers.values().removeIf(at -> nowNanos - at > windowNanos);
            return watchers.size();
        }

        /** Forgets the reports on members no longer in the view. */
        void retain(List<A> members) {
            bySuspect.keySet().retainAll(members);
        }
    }

    private synchronized boolean isMember(Address sender) {
        return members.contains(sender);
    }

    @Override
    public Object up(Message msg) {
        reported(msg);
        return super.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        for (Message msg : batch) {
            reported(msg);
        }
        super.up(batch);
    }

    /**
     * A watcher's report reaches the coordinator (or the next in line): it suspects as if it had
     * seen the silence. Not from a member outside the view: one excluded keeps the old view and
     * reports the neighbours that stopped heartbeating it (see {@link SocketWatch}).
     */
    private void reported(Message msg) {
        if (msg.getHeader(id) == null || msg.getLength() == 0 || !isMember(msg.getSrc())) {
            return;
        }
        try {
            List<Address> suspects = Util.readAddresses(new ByteArrayDataInputStream(msg.getArray(), msg.getOffset(),
                    msg.getLength()), ArrayList::new);
            agreed(msg.getSrc(), suspects);
        } catch (IOException | ClassNotFoundException e) {
            log.warn("%s: unreadable suspicion report from %s: %s", local_addr, msg.getSrc(), e);
        }
    }
}
