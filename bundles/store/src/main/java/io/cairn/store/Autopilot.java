package io.cairn.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.membership.MemberStatus;

/**
 * The leader keeps the Raft group in step with the data centre's servers, as Consul's
 * autopilot does: an alive server of the pool that is not a peer yet (a server started after
 * the group was bootstrapped, or one whose storage was lost) is added; a peer whose member
 * left is removed, and a failed one too once it has been replaced (more peers than
 * {@code bootstrap_expect}), so a crashed server that comes back keeps its seat while the
 * group is at its expected size.
 */
public final class Autopilot {

    private static final Logger LOG = LoggerFactory.getLogger(Autopilot.class);

    /** The group as the leader changes it. */
    public interface Group {
        boolean leading();

        List<String> peerIds();

        void reconfigure(List<ServerCandidate> joining, List<String> leaving) throws IOException;
    }

    /** The servers to add and the peers (node names) to remove. */
    record Change(List<ServerCandidate> joining, List<String> leaving) {
        boolean none() {
            return joining.isEmpty() && leaving.isEmpty();
        }
    }

    private final Group group;
    private final Supplier<List<ServerCandidate>> aliveServers;
    private final Function<String, Optional<MemberStatus>> memberStatus;
    private final int expected;

    /**
     * @param aliveServers the pool's alive servers of this data centre
     * @param memberStatus a node's status in the pool, empty when the pool does not know it
     * @param expected     {@code bootstrap_expect}: the group's size below which no failed peer is dropped
     */
    public Autopilot(Group group, Supplier<List<ServerCandidate>> aliveServers,
                     Function<String, Optional<MemberStatus>> memberStatus, int expected) {
        this.group = group;
        this.aliveServers = aliveServers;
        this.memberStatus = memberStatus;
        this.expected = expected;
    }

    /** Called periodically: on the leader, applies the change the pool calls for, if any. */
    public void tick() {
        if (!group.leading()) {
            return;
        }
        List<String> peers = group.peerIds();
        Change change = change(peers, aliveServers.get(), memberStatus, expected);
        if (change.none()) {
            return;
        }
        try {
            group.reconfigure(change.joining(), change.leaving());
        } catch (IOException | RuntimeException e) {
            // lost leadership or a peer unreachable mid-change: the next tick recomputes from the new state
            LOG.warn("Could not change the Raft group (adding {}, removing {}): {}", change.joining(), change.leaving(),
                    e.getMessage());
        }
    }

    static Change change(List<String> peers, List<ServerCandidate> alive,
                         Function<String, Optional<MemberStatus>> status, int expected) {
        List<ServerCandidate> joining = alive.stream().filter(s -> !peers.contains(s.node())).toList();
        List<String> left = peers.stream().filter(p -> status.apply(p).filter(MemberStatus.LEFT::equals).isPresent())
                .toList();
        int remaining = peers.size() + joining.size() - left.size();
        List<String> failed = peers.stream()
                .filter(p -> status.apply(p).filter(MemberStatus.FAILED::equals).isPresent())
                .limit(Math.max(0, remaining - Math.max(expected, 1)))
                .toList();
        Set<String> leaving = new LinkedHashSet<>(left);
        leaving.addAll(failed);
        return new Change(joining, List.copyOf(leaving));
    }
}
