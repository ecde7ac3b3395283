package io.cairn.rpc;

import java.util.List;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MemberTags;

/** The server RPC addresses of a data centre's servers as the WAN pool tells of them. */
public final class WanServers {

    private WanServers() {
    }

    /** Alive servers of {@code datacenter}, at their advertised address and announced server port. */
    public static List<String> of(List<Member> wanMembers, String datacenter) {
        return wanMembers.stream()
                .filter(m -> m.status() == MemberStatus.ALIVE && m.server())
                .filter(m -> datacenter.equals(m.tags().get(MemberTags.DATACENTER)))
                .filter(m -> m.tags().containsKey(MemberTags.SERVER_PORT))
                .map(m -> m.addr() + ":" + m.tags().get(MemberTags.SERVER_PORT))
                .toList();
    }
}
