package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;

/** A server joins the WAN pool of every server of its data centre it sees in the LAN pool. */
class WanFloodJoinTest {

    private final FakeTransport wanTransport = new FakeTransport();

    private static Member lanMember(String name, String role, String dc) {
        return new Member(name, "127.0.0.16" + name.charAt(name.length() - 1), 8301, Map.of("role", role, "dc", dc),
                MemberStatus.ALIVE);
    }

    @Test
    void aServerOfTheDatacentreIsJoinedAtItsLanAddressAndTheWanPortOthersAreNot() throws Exception {
        MemberPool wan = new MemberPool("wan", new Member("server1.dc1", "127.0.0.161", 8302, Map.of("role", "consul"),
                MemberStatus.ALIVE), wanTransport, new MemberList(new ManualClock(), Duration.ofHours(1)),
                new ManualScheduler(), Duration.ofSeconds(15));
        wan.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0));
        wanTransport.answering = 1;
        WanFloodJoin flood = new WanFloodJoin(wan, "server1", "dc1", 8302, Runnable::run);

        flood.joined(lanMember("server1", "consul", "dc1"));
        flood.joined(lanMember("client3", "node", "dc1"));
        flood.joined(lanMember("server4", "consul", "dc2"));
        flood.joined(lanMember("server2", "consul", "dc1"));

        assertThat(wanTransport.joins).hasSize(1);
        assertThat(wanTransport.joins.get(0)).extracting(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                .containsExactly("127.0.0.162:8302");

        wanTransport.view(wan.self(), new Member("server2.dc1", "127.0.0.162", 8302, Map.of("role", "consul"), MemberStatus.ALIVE));
        flood.joined(lanMember("server2", "consul", "dc1"));
        assertThat(wanTransport.joins).hasSize(1);
    }
}
