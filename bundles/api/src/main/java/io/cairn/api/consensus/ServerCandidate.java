package io.cairn.api.consensus;

/**
 * A server agent that could join the Raft group, as membership (or a configured address)
 * tells of it.
 *
 * @param node       its node name, the Raft peer id
 * @param address    its advertised IP address
 * @param raftPort   its {@code ports.raft}
 * @param serverPort its {@code ports.server} (server RPC), the port shown in status
 */
public record ServerCandidate(String node, String address, int raftPort, int serverPort) {

    public String raftAddress() {
        return address + ":" + raftPort;
    }

    public String serverAddress() {
        return address + ":" + serverPort;
    }
}
