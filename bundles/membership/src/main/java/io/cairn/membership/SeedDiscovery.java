package io.cairn.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.PhysicalAddress;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.PingData;
import org.jgroups.protocols.PingHeader;
import org.jgroups.protocols.TCPPING;
import org.jgroups.util.Responses;

/**
 * TCPPING, except that a joiner with seeds does not give up on them after one join timeout
 * without an answer. JGroups makes a joiner that discovered no one a pool of its own at once,
 * which only a merge brings back: with 100 agents joining one seed at once, the seed (also the
 * coordinator, installing the joiners' views) answered some of them only after 3 s: 23 and 14
 * of the 100 formed pools of one (two runs of three), and merging them back took minutes when it
 * happened at all. A joiner now asks again, for up to {@code rounds} join timeouts, before it
 * forms a pool of its own (at 100 agents started at once, none did in eight runs). An agent with
 * no seed but itself still forms its pool at once.
 *
 * <p>Wire: TCPPING's protocol id and headers (it takes TCPPING's place in the stack).
 */
final class SeedDiscovery extends TCPPING {

    private final int rounds;

    /** @param rounds discovery runs (each up to the join timeout) a joiner with seeds makes before it gives up */
    SeedDiscovery(int rounds) {
        this.rounds = rounds;
        setId(ClassConfigurator.getProtocolId(TCPPING.class));
    }

    @Override
    public Responses findMembers(List<Address> members, boolean initialDiscovery, boolean async, long timeout) {
        if (!initialDiscovery || initial_hosts.size() < 2) { // the hosts always list this agent itself
            return super.findMembers(members, initialDiscovery, async, timeout);
        }
        return untilAnswered(() -> super.findMembers(members, true, async, timeout), timeout, rounds, () -> is_leaving);
    }

    /**
     * Stops asking a member that left: TCPPING keeps the address of every member that ever asked
     * this one and asks them all whenever it looks for someone (Serf never contacts a member that
     * left). Its own discovery request, if it joins again, puts it back.
     */
    void forget(PhysicalAddress member) {
        dynamic_hosts.remove(member);
    }

    /**
     * Answers a discovery request as TCPPING does, without the trace line it formats first
     * whether or not tracing is on: with the whole member list in every answer, formatting lists
     * for trace lines took 9.5% of the CPU of a pool of 100 joining at once (async-profiler, 5 JVMs
     * × 20 members, encrypted), this one and the joiner's on receipt (which stays).
     * No staggering: the pool never sets it.
     */
    @Override
    protected void sendDiscoveryResponse(List<PingData> list, Address sender) {
        down_prot.down(new BytesMessage(sender).setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE)
                .setFlag(Message.TransientFlag.DONT_BLOCK)
                .putHeader(id, new PingHeader(PingHeader.GET_MBRS_RSP)).setArray(marshal(list)));
    }

    /** The join addresses and those of the members that asked this one to join. */
    Collection<PhysicalAddress> knownHosts() {
        List<PhysicalAddress> hosts = new ArrayList<>(initial_hosts);
        hosts.addAll(dynamic_hosts);
        return hosts;
    }

    /** How often a run is checked for a first answer. */
    static final long STEP_MILLIS = 20;

    /**
     * Runs {@code discovery} until one of its runs has an answer within {@code timeout}, at most
     * {@code rounds} times or until {@code leaving}; returns the run that was answered as soon as
     * it was (the joiner then waits for the rest itself), or the last one, the earlier ones ended.
     */
    static Responses untilAnswered(Supplier<Responses> discovery, long timeout, int rounds, BooleanSupplier leaving) {
        Responses responses = discovery.get();
        for (int round = 1; round < rounds && !leaving.getAsBoolean(); round++) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
            while (responses.isEmpty() && !responses.isDone() && deadline - System.nanoTime() > 0) {
                responses.waitFor(STEP_MILLIS);
            }
            if (!responses.isEmpty()) {
                return responses;
            }
            responses.done();
            responses = discovery.get();
        }
        return responses;
    }
}
