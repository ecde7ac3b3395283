package io.cairn.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.jgroups.Address;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.Discovery;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.stack.IpAddress;
import org.jgroups.util.Responses;

/**
 * FD_SOCK2, except that a neighbour whose address this member has not learnt yet is looked up
 * before it is suspected. A joiner installs its first view before the coordinator's list of
 * addresses reaches it (JGroups sends that list after the view), and FD_SOCK2 suspected every
 * neighbour it had no address for at once: with 20 agents joining together one joiner suspected
 * 9 of them, and the coordinator excluded the 6 that did not answer its check within the verify
 * timeout (agents busy starting), which then formed pools of their own.
 *
 * <p>A neighbour whose address is still unknown after the lookup is not suspected either, only
 * left unwatched by this detector until the next view (its ring watchers still time its
 * heartbeats): not knowing where a member listens says nothing about whether it is alive. At 100
 * agents started at once the seeds, busy with the joins, did not answer lookups within the
 * connect timeout, and joiners suspected the neighbours they could not look up (2 s after the
 * start, 20 of them in 1 s), which the coordinator then excluded.
 *
 * <p>Suspicions from a member outside this member's view are ignored: an excluded member still
 * holds the view it was excluded from, its socket to its neighbour closes, and it told the pool
 * to suspect that neighbour; a coordinator busy with the exclusion's view did not verify it in
 * time and excluded the neighbour too, which did the same: at 100 members the pool shrank by a
 * few members a second (see {@link RingHeartbeats}, which ignores such reports likewise).
 *
 * <p>Wire: FD_SOCK2's protocol id and headers (it takes FD_SOCK2's place in the stack).
 */
final class SocketWatch extends FD_SOCK2 {

    /** How often the lookup checks whether the address came. */
    static final long STEP_MILLIS = 50;

    SocketWatch() {
        setId(ClassConfigurator.getProtocolId(FD_SOCK2.class));
    }

    @Override
    protected Object handle(FdHeader header, Address sender) {
        return members.contains(sender) ? super.handle(header, sender) : null;
    }

    /** Neighbours whose address the last lookup did not find. */
    private final Set<Address> unresolved = ConcurrentHashMap.newKeySet();

    @Override
    protected List<IpAddress> getPhysicalAddresses(Address member) {
        List<IpAddress> addresses = addresses(member, super::getPhysicalAddresses, this::lookUp, SocketWatch::pause,
                connect_timeout);
        if (addresses.isEmpty()) {
            unresolved.add(member);
        } else {
            unresolved.remove(member);
        }
        return addresses;
    }

    /** Members gone from the view are not kept as unresolved neighbours. */
    @Override
    protected void handleView(View view) {
        unresolved.retainAll(view.getMembers());
        super.handleView(view);
    }

    @Override
    protected void broadcastSuspectMessage(List<Address> suspects) {
        // mutable: FD_SOCK2 removes this member from the list it delivers to itself
        List<Address> reachable = new ArrayList<>(suspects.stream().filter(s -> !unresolved.contains(s)).toList());
        if (!reachable.isEmpty()) {
            super.broadcastSuspectMessage(reachable);
        }
    }

    /**
     * The member's addresses as {@code known}; when none is known, starts a {@code lookUp} and
     * asks again every {@value #STEP_MILLIS} ms until one is known or {@code timeoutMillis}
     * passed, then ends the lookup (the runnable it returned).
     */
    static <A, P> List<P> addresses(A member, Function<A, List<P>> known, Function<A, Runnable> lookUp,
                                    LongConsumer pause, long timeoutMillis) {
        List<P> addresses = known.apply(member);
        if (!addresses.isEmpty()) {
            return addresses;
        }
        Runnable done = lookUp.apply(member);
        try {
            for (long waited = 0; addresses.isEmpty() && waited < timeoutMillis; waited += STEP_MILLIS) {
                pause.accept(STEP_MILLIS);
                addresses = known.apply(member);
            }
        } finally {
            done.run();
        }
        return addresses;
    }

    /** Asks the seeds, which answer with every member's address: the answer fills the transport's cache. */
    private Runnable lookUp(Address member) {
        Discovery discovery = stack.findProtocol(Discovery.class);
        if (discovery == null) {
            return () -> { };
        }
        Responses responses = discovery.findMembers(List.of(member), false, true, 0);
        return responses::done;
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
