package io.cairn.api.consensus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What this server knows of its Raft group right now.
 *
 * @param leaderAddress      the leader's server RPC address {@code ip:port} (port 8300 by
 *                           default, as Consul shows it), empty without a known leader
 * @param leader             whether this server is the leader
 * @param peers              the group's members as of the latest configuration
 * @param term               the current term
 * @param lastApplied        the index of the last entry this server's state machine applied
 * @param lastContact        time since this server last heard from the leader; zero on the leader
 * @param configurationIndex the log index of the configuration {@code peers} comes from
 */
public record RaftStatus(Optional<String> leaderAddress, boolean leader, List<RaftPeer> peers, long term,
                         long lastApplied, Duration lastContact, long configurationIndex) {

    public RaftStatus {
        peers = List.copyOf(peers);
    }

    /** The peers' server RPC addresses, what {@code /v1/status/peers} lists. */
    public List<String> peerAddresses() {
        return peers.stream().map(RaftPeer::address).toList();
    }
}
