package io.cairn.membership;

import java.util.List;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.MemberTags;
import io.cairn.api.membership.MembershipException;

/**
 * Consul's flood join: a server joins, in the WAN pool, every server of its data centre it
 * sees in the LAN pool (at the LAN address and this agent's WAN port), so the servers of a
 * data centre share one WAN pool without {@code retry_join_wan}.
 */
public final class WanFloodJoin implements MemberListener {

    private static final Logger LOG = LoggerFactory.getLogger(WanFloodJoin.class);

    private final MemberPool wan;
    private final String self;
    private final String datacenter;
    private final int wanPort;
    private final Executor executor;

    /** @param executor where the joins run (a join waits for an answer) */
    public WanFloodJoin(MemberPool wan, String self, String datacenter, int wanPort, Executor executor) {
        this.wan = wan;
        this.self = self;
        this.datacenter = datacenter;
        this.wanPort = wanPort;
        this.executor = executor;
    }

    @Override
    public void joined(Member member) {
        if (!member.server() || member.name().equals(self) || !datacenter.equals(member.tags().get(MemberTags.DATACENTER))) {
            return;
        }
        String wanName = member.name() + "." + datacenter;
        boolean known = wan.members().member(wanName)
                .map(m -> m.status() == io.cairn.api.membership.MemberStatus.ALIVE).orElse(false);
        if (known || wan.hasLeft()) {
            return;
        }
        String address = (member.addr().contains(":") ? "[" + member.addr() + "]" : member.addr()) + ":" + wanPort;
        executor.execute(() -> {
            try {
                wan.join(List.of(address));
                LOG.info("Flood join: {} joined in the WAN pool at {}", member.name(), address);
            } catch (MembershipException | RuntimeException e) {
                LOG.warn("Flood join of {} in the WAN pool at {} failed: {}", member.name(), address, e.getMessage());
            }
        });
    }
}
