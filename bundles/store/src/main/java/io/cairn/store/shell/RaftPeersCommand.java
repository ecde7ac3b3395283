package io.cairn.store.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.cairn.api.consensus.ConsensusStore;
import io.cairn.api.consensus.RaftStatus;
import io.cairn.format.RaftOutput;
import io.cairn.store.RaftNode;

/** {@code cairn:raft-peers}: the Raft configuration as {@code cairn operator raft list-peers} prints it. */
@Service
@Command(scope = "cairn", name = "raft-peers", description = "Displays the current Raft peer configuration")
public class RaftPeersCommand implements Action {

    /** Consul's Raft protocol column; Cairn speaks Ratis (as /v1/operator/raft/configuration says). */
    private static final String PROTOCOL_VERSION = "3";

    @Reference
    ConsensusStore consensus;

    @Override
    public Object execute() {
        RaftStatus status = consensus.status();
        // this bundle's own Raft server knows each peer's match index, what autopilot health reports
        Map<String, Long> indexes = consensus instanceof RaftNode raft ? raft.matchIndexes() : Map.of();
        List<RaftOutput.Peer> peers = status.peers().stream()
                .map(p -> new RaftOutput.Peer(p.node(), p.id(), p.address(), p.leader(), p.voter(), PROTOCOL_VERSION,
                        indexes.getOrDefault(p.id(), 0L)))
                .toList();
        System.out.print(RaftOutput.peersTable(peers));
        return null;
    }
}
