package io.cairn.api.consensus;

/**
 * One server of the Raft group.
 *
 * @param id          the stable Raft peer id
 * @param node        the node name of the agent running it
 * @param address     its server RPC address {@code ip:port} (what Consul shows, port 8300 by default)
 * @param raftAddress where Raft replication reaches it ({@code ip:port}, port 8303 by default)
 * @param leader      whether it is the current leader
 * @param voter       whether it votes
 */
public record RaftPeer(String id, String node, String address, String raftAddress, boolean leader, boolean voter) {
}
