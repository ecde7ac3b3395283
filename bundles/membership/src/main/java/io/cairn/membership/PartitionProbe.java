package io.cairn.membership;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jgroups.Address;
import org.jgroups.EmptyMessage;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.PhysicalAddress;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.MERGE3;
import org.jgroups.util.TimeScheduler;
import org.jgroups.util.Util;

/**
 * MERGE3, except for whom its rounds reach. Over TCP, MERGE3's round asks every address it ever
 * heard of for its whole member cache and then sends its view id to every member in every
 * answer: each member received O(N²) messages per round, the pool O(N³) (at 100 members ~49 KB/s
 * per member at rest, mostly this; Serf's ~300 B/s). A round here sends the view id straight
 * to a few addresses {@link ProbeTargets} picks, those that should be in the view and are not;
 * in a whole pool with no one failed, nothing. A member that hears a view id other than its own
 * answers with its own (at most once per min interval to an address), as only the merge leader,
 * the lowest coordinator, starts a merge and it has to hear of the other view too: a paused
 * member that resumes still lists the others, so it probes no one, and the leader learns of its
 * stale view from its answer. Healing stays MERGE3's.
 *
 * <p>Wire: MERGE3's protocol id and headers (it takes MERGE3's place in the stack).
 */
final class PartitionProbe extends MERGE3 {

    /** Addresses probed each round: a 50/50 partition is found within a round or two. */
    static final int PROBES_PER_ROUND = 3;

    private final Supplier<Collection<PhysicalAddress>> known;
    private final ProbeTargets targets = new ProbeTargets();
    private final Random random = new Random();
    private Future<?> rounds;

    /** @param known the join addresses and those of members that asked this one to join */
    PartitionProbe(Supplier<Collection<PhysicalAddress>> known) {
        this.known = known;
        setId(ClassConfigurator.getProtocolId(MERGE3.class));
    }

    @Override
    public Object down(Event evt) {
        if (evt.getType() == Event.VIEW_CHANGE && view != null) {
            View next = evt.getArg();
            targets.viewChanged(addresses(view.getMembers()), next.getMembers());
        }
        return super.down(evt);
    }

    @Override
    protected synchronized void startInfoSender() {
        if (rounds == null || rounds.isDone()) {
            rounds = timer.scheduleWithDynamicInterval(new Round(), false);
        }
    }

    @Override
    protected synchronized void stopInfoSender() {
        if (rounds != null) {
            rounds.cancel(true);
            rounds = null;
        }
    }

    /** One round now (MERGE3's operation of that name would ask every address for its whole cache). */
    @Override
    public void sendInfo() {
        new Round().run();
    }

    @Override
    protected void addInfo(Address sender, ViewId viewId, String logicalName, PhysicalAddress address) {
        super.addInfo(sender, viewId, logicalName, address);
        View current = view;
        if (address != null && current != null && !viewId.equals(current.getViewId())
                && targets.answer(address, System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(getMinInterval()))) {
            probe(List.of(address));
        }
    }

    /** Sends this member's view id to {@code addresses} now (a join: whoever answers merges with us). */
    void probe(Collection<PhysicalAddress> addresses) {
        if (view == null) {
            return;
        }
        for (PhysicalAddress address : addresses) {
            Message info = new EmptyMessage(address).putHeader(getId(), createInfo()).setFlag(Message.TransientFlag.DONT_BLOCK);
            down_prot.down(info);
        }
    }

    /** The member at {@code address} left: it is not probed again under the identity it had. */
    void forget(PhysicalAddress address) {
        View current = view;
        targets.left(address, current == null ? Map.of() : addresses(current.getMembers()));
    }

    /** The addresses known for {@code members} (a newcomer's may not be yet: left out). */
    private Map<Address, PhysicalAddress> addresses(List<Address> members) {
        Map<Address, PhysicalAddress> addresses = new HashMap<>();
        for (Address member : members) {
            if (down_prot.down(new Event(Event.GET_PHYSICAL_ADDRESS, member)) instanceof PhysicalAddress address) {
                addresses.put(member, address);
            }
        }
        return addresses;
    }

    private final class Round implements TimeScheduler.Task {
        @Override
        public void run() {
            View current = view;
            if (current == null) {
                return;
            }
            PhysicalAddress self = (PhysicalAddress) down_prot.down(new Event(Event.GET_PHYSICAL_ADDRESS, local_addr));
            probe(targets.pick(known.get(), addresses(current.getMembers()), self, PROBES_PER_ROUND, random));
        }

        /** MERGE3's pace: between half and one and a half times the max interval, at least the min. */
        @Override
        public long nextInterval() {
            return Math.max(getMinInterval(), Util.random(getMaxInterval()) + getMaxInterval() / 2);
        }
    }
}
