package io.cairn.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jgroups.Address;
import org.jgroups.PhysicalAddress;

/**
 * Whom a member probes for a pool it is not part of, as Serf reconnects to its failed members:
 * the join addresses and the members that asked it to join (a seed that was down, a joiner that
 * formed a pool of its own), and the members that dropped out of its view (the other side of a
 * partition, a paused member), less the members of its view now and those that left. A member
 * that left is not contacted again until it comes back at that address under a new identity
 * (addresses are made anew each time an agent enters a pool).
 *
 * <p>Each round probes a few of them at random, so a member's probing costs the same in a pool
 * of 10 or of 1,000, and nothing at all once every address it knows is in its view.
 */
final class ProbeTargets {

    /** Members that dropped out of the view, by their identity in the pool. */
    private final Map<Address, PhysicalAddress> dropped = new HashMap<>();
    /** Addresses of members that left, with the identity each had then (null: not known). */
    private final Map<PhysicalAddress, Address> left = new HashMap<>();

    /** When each address that told of another view was last answered (nanoTime). */
    private final Map<PhysicalAddress, Long> answered = new HashMap<>();

    /**
     * Whether to answer the member at {@code address}, which told of a view other than ours, with
     * ours: once per {@code every} nanoseconds, so that two members in different views exchange
     * their view ids at that pace until they merge, rather than bounce answers back and forth.
     */
    synchronized boolean answer(PhysicalAddress address, long now, long every) {
        Long last = answered.get(address);
        if (last != null && now - last < every) {
            return false;
        }
        answered.values().removeIf(t -> now - t >= every); // only recent answers matter
        answered.put(address, now);
        return true;
    }

    /** Remembers the members of {@code before} that are not in {@code now}, unless they left. */
    synchronized void viewChanged(Map<Address, PhysicalAddress> before, Collection<Address> now) {
        before.forEach((member, address) -> {
            if (!now.contains(member) && !(left.containsKey(address) && isLeftAs(address, member))) {
                dropped.put(member, address);
            }
        });
    }

    private boolean isLeftAs(PhysicalAddress address, Address member) {
        Address identity = left.get(address);
        return identity == null || identity.equals(member);
    }

    /**
     * The member at {@code address} left (or was force-left, or reaped): it is not probed again
     * under the identity it has in {@code view}, or had when it dropped out of it.
     */
    synchronized void left(PhysicalAddress address, Map<Address, PhysicalAddress> view) {
        Address identity = view.entrySet().stream().filter(e -> e.getValue().equals(address)).map(Map.Entry::getKey)
                .findFirst()
                .orElseGet(() -> dropped.entrySet().stream().filter(e -> e.getValue().equals(address))
                        .map(Map.Entry::getKey).findFirst().orElse(null));
        dropped.values().remove(address);
        left.put(address, identity);
    }

    /**
     * Up to {@code max} addresses to probe this round, at random.
     *
     * @param known the join addresses and those of the members that asked to join
     * @param view  the members of the view now, with the addresses known for them
     * @param self  this member's address
     */
    synchronized List<PhysicalAddress> pick(Collection<PhysicalAddress> known, Map<Address, PhysicalAddress> view,
                                            PhysicalAddress self, int max, Random random) {
        Set<PhysicalAddress> inView = new HashSet<>(view.values());
        // back in the view, under the same identity (merged) or a new one (restarted and joined)
        dropped.values().removeIf(inView::contains);
        view.forEach((member, address) -> {
            if (left.containsKey(address) && !member.equals(left.get(address))) {
                left.remove(address);
            }
        });
        Set<PhysicalAddress> candidates = new LinkedHashSet<>(known);
        candidates.addAll(dropped.values());
        candidates.removeAll(inView);
        candidates.removeAll(left.keySet());
        candidates.remove(self);
        List<PhysicalAddress> chosen = new ArrayList<>(candidates);
        Collections.shuffle(chosen, random);
        return chosen.subList(0, Math.min(max, chosen.size()));
    }
}
