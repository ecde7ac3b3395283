package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MembershipException;
import io.cairn.api.membership.UserEvent;

/** User events over a pool: stamped, sent to every member this one included, on the wire and back. */
class UserEventsTest {

    private final FakeTransport transport = new FakeTransport();
    private final List<UserEvent> heard = new ArrayList<>();

    private MemberPool pool() throws Exception {
        Member self = new Member("self", "127.0.0.1", 8301, Map.of(), MemberStatus.ALIVE);
        MemberPool pool = new MemberPool("lan", self, transport, new MemberList(new ManualClock(), Duration.ofHours(1)),
                new ManualScheduler(), Duration.ofSeconds(15));
        pool.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0));
        return pool;
    }

    @Test
    void aFiredEventComesBackThroughThePoolWithIdAndLamportTime() throws Exception {
        MemberPool pool = pool();
        AgentMembership membership = new AgentMembership(pool, java.util.Optional.empty());
        membership.addEventListener(heard::add);

        UserEvent first = membership.fireEvent("deploy", "v2".getBytes(StandardCharsets.UTF_8), "", "web", "blue");
        UserEvent second = membership.fireEvent("deploy", null, "", "", "");

        assertThat(heard).containsExactly(first, second);
        assertThat(first.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.version()).isEqualTo(1);
        assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("v2");
        assertThat(first.serviceFilter()).isEqualTo("web");
        assertThat(first.tagFilter()).isEqualTo("blue");
        assertThat(second.lTime()).isGreaterThan(first.lTime());
        assertThat(second.payload()).isEmpty();
    }

    @Test
    void theClockMovesPastEventsOfOtherMembers() throws Exception {
        MemberPool pool = pool();
        pool.events().received(new UserEvent("x", "other", new byte[0], "", "", "", 1, 41));
        assertThat(pool.fireEvent("mine", null, "", "", "").lTime()).isEqualTo(42);
    }

    @Test
    void oversizedEventsAndEventsAfterLeavingAreRefused() throws Exception {
        MemberPool pool = pool();
        assertThatThrownBy(() -> pool.fireEvent("big", new byte[510], "", "", ""))
                .isInstanceOf(MembershipException.class)
                .hasMessage("user event exceeds configured limit of 512 bytes before encoding");
        pool.fireEvent("fits", new byte[508], "", "", "");

        pool.leave();
        assertThatThrownBy(() -> pool.fireEvent("late", null, "", "", "")).isInstanceOf(MembershipException.class);
    }

    @Test
    void theWireFormRoundTripsAndAnotherKindIsNotAnEvent() throws Exception {
        UserEvent event = new UserEvent("0b7c8a1e-1111-2222-3333-444455556666", "déploy",
                new byte[] {0, 1, (byte) 0xff}, "node-.*", "web", "v1", 1, 7);
        byte[] wire = UserEventCodec.encode(event);
        assertThat(wire[0]).isEqualTo((byte) UserEventCodec.KIND);
        UserEvent back = UserEventCodec.decode(wire);
        assertThat(back).usingRecursiveComparison().isEqualTo(event);
        assertThat(Intent.decode(wire)).isNull();
        assertThatThrownBy(() -> UserEventCodec.decode(Intent.leave("n").encode()))
                .isInstanceOf(java.io.IOException.class);
    }
}
