package io.cairn.membership;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.EmptyMessage;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.FD_ALL3;
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
 * <p>Wire: FD_ALL3's protocol id and heartbeat header (it takes FD_ALL3's place in the stack);
 * a report is a heartbeat whose payload lists the suspects.
 */
final class RingHeartbeats extends FD_ALL3 {

    /** Members watching each member: a member is still watched when up to two members before it pause with it. */
    static final int WATCHERS = 3;

    private volatile List<Address> watched = List.of();
    private volatile List<Address> heartbeated = List.of();

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

    @Override
    protected void handleViewChange(View view) {
        watched = neighbours(view.getMembers(), local_addr, -1, WATCHERS);
        heartbeated = neighbours(view.getMembers(), local_addr, 1, WATCHERS);
        super.handleViewChange(view);
        retainKeys(watched);
    }

    /** Only the watched members' silence counts; anyone else's messages are not this member's to time. */
    @Override
    protected void update(Address sender, boolean logMessage, boolean skipIfExists) {
        if (watched.contains(sender)) {
            super.update(sender, logMessage, skipIfExists);
        }
    }

    @Override
    protected void startHeartbeatSender() {
        lock.lock();
        try {
            if (!isHeartbeatSenderRunning()) {
                heartbeat_sender = timer.scheduleWithFixedDelay(this::heartbeat, 0, interval, TimeUnit.MILLISECONDS, false);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Nothing when this member multicast since the last one: that reached its watchers too. */
    private void heartbeat() {
        if (mcast_sent.compareAndSet(true, false)) {
            return;
        }
        for (Address watcher : heartbeated) {
            down_prot.down(new EmptyMessage(watcher).putHeader(id, new HeartbeatHeader()));
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
            super.suspect(suspects);
            return;
        }
        try {
            ByteArrayDataOutputStream out = new ByteArrayDataOutputStream();
            Util.writeAddresses(suspects, out);
            down_prot.down(new BytesMessage(coordinator, out.buffer(), 0, out.position()).putHeader(id, new HeartbeatHeader()));
        } catch (IOException e) {
            log.warn("%s: could not report suspects %s to %s: %s", local_addr, suspects, coordinator, e);
        }
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

    /** A watcher's report reaches the coordinator (or the next in line): it suspects as if it had seen the silence. */
    private void reported(Message msg) {
        if (msg.getHeader(id) == null || msg.getLength() == 0) {
            return;
        }
        try {
            List<Address> suspects = Util.readAddresses(new ByteArrayDataInputStream(msg.getArray(), msg.getOffset(),
                    msg.getLength()), ArrayList::new);
            super.suspect(suspects);
        } catch (IOException | ClassNotFoundException e) {
            log.warn("%s: unreadable suspicion report from %s: %s", local_addr, msg.getSrc(), e);
        }
    }
}
