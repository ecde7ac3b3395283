package io.cairn.format;

import java.util.ArrayList;
import java.util.List;

/** {@code consul operator raft list-peers}: Consul's columns. */
public final class RaftOutput {

    private RaftOutput() {
    }

    /** One server of the Raft configuration with the last index it is known to hold. */
    public record Peer(String node, String id, String address, boolean leader, boolean voter, String protocolVersion,
                       long lastIndex) {
    }

    /**
     * {@code Node  ID  Address  State  Voter  RaftProtocol  Commit Index  Trails Leader By};
     * the leader trails by {@code -}, the others by {@code N commits}.
     */
    public static String peersTable(List<Peer> peers) {
        long leaderIndex = peers.stream().filter(Peer::leader).mapToLong(Peer::lastIndex).findFirst().orElse(0);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Node", "ID", "Address", "State", "Voter", "RaftProtocol", "Commit Index", "Trails Leader By"));
        for (Peer p : peers) {
            long behind = Math.max(0, leaderIndex - p.lastIndex());
            rows.add(List.of(p.node(), p.id(), p.address(), p.leader() ? "leader" : "follower",
                    String.valueOf(p.voter()), p.protocolVersion(), String.valueOf(p.lastIndex()),
                    p.leader() ? "-" : behind + (behind == 1 ? " commit" : " commits")));
        }
        return Columns.of(rows);
    }
}
