package io.cairn.membership;

import java.util.List;
import java.util.Optional;

import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.consensus.ServerDiscovery;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MemberTags;

/** The servers of this data centre as the LAN pool knows them: alive members tagged {@code role=consul}. */
public final class PoolServers implements ServerDiscovery {

    private final MemberList lan;
    private final String datacenter;

    public PoolServers(MemberList lan, String datacenter) {
        this.lan = lan;
        this.datacenter = datacenter;
    }

    @Override
    public List<ServerCandidate> servers() {
        return lan.members().stream()
                .filter(m -> m.status() == MemberStatus.ALIVE && m.server())
                .filter(m -> datacenter.equals(m.tags().get(MemberTags.DATACENTER)))
                .flatMap(m -> candidate(m).stream())
                .toList();
    }

    /** A server announcing no Raft port (another implementation) cannot be a Raft peer here. */
    private static Optional<ServerCandidate> candidate(Member m) {
        try {
            int raftPort = Integer.parseInt(m.tags().get(MemberTags.RAFT_PORT));
            int serverPort = Integer.parseInt(m.tags().get(MemberTags.SERVER_PORT));
            return Optional.of(new ServerCandidate(m.name(), m.addr(), raftPort, serverPort));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
