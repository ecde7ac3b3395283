package io.cairn.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.VERIFY_SUSPECT2;

/**
 * VERIFY_SUSPECT2, except that a suspect's time to answer does not run while this member, the
 * verifier, is stalled itself. The verifier is the coordinator, which at 100 members started
 * at once also answers every joiner and installs their views: its checks ran up to 500 ms
 * after the suspects' time was up (the whole verify timeout), and the answers of healthy
 * members still waited in its own queues when it excluded them. How late this member's own
 * periodic check runs is the measure: each suspect gets the stall since it was suspected on top
 * of the verify timeout. A member that really crashed or paused is still excluded, later by as
 * much as the verifier was stalled meanwhile.
 *
 * <p>Wire: VERIFY_SUSPECT2's protocol id and headers (it takes its place in the stack); its
 * checks and answers go out of band ({@link RingHeartbeats}).
 */
final class SuspectCheck extends VERIFY_SUSPECT2 {

    private final Stalls stalls = new Stalls();
    /** {@link Stalls#total} when each suspect was suspected. */
    private final Map<Address, Long> stalledBefore = new ConcurrentHashMap<>();

    SuspectCheck() {
        setId(ClassConfigurator.getProtocolId(VERIFY_SUSPECT2.class));
    }

    @Override
    protected synchronized void addSuspects(Collection<Address> list) {
        super.addSuspects(list);
        long stalled = stalls.total();
        for (Address suspect : list) {
            stalledBefore.putIfAbsent(suspect, stalled);
        }
    }

    /** VERIFY_SUSPECT2's periodic check (every verify timeout), each suspect's deadline moved by the stall since. */
    @Override
    public void run() {
        long now = System.currentTimeMillis();
        long stalled = stalls.ran(now, timeout);
        List<Address> due = new ArrayList<>();
        synchronized (this) {
            List<Entry> expired = new ArrayList<>();
            for (Entry entry : suspects) {
                long stalledSince = stalled - stalledBefore.getOrDefault(entry.suspect(), stalled);
                if (entry.target_time() + stalledSince <= now) {
                    expired.add(entry);
                    due.add(entry.suspect());
                }
            }
            expired.forEach(suspects::remove);
            stalledBefore.keySet().retainAll(suspects.stream().map(Entry::suspect).toList());
        }
        if (!due.isEmpty()) {
            log.debug("%s: sending up SUSPECT(%s) (stalled %d ms in all)", local_addr, due, stalled);
            up_prot.up(new Event(Event.SUSPECT, due));
        }
    }

    /** How long a periodic task ran late in all: each run later than one period after the last adds its delay. */
    static final class Stalls {
        private long last = -1;
        private long total;

        /** A run at {@code now} of a task every {@code period}: returns the total stall so far. */
        synchronized long ran(long now, long period) {
            if (last >= 0) {
                total += Math.max(0, now - last - period);
            }
            last = now;
            return total;
        }

        synchronized long total() {
            return total;
        }
    }
}
