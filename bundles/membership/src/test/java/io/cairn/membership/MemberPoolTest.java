package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MembershipException;

/** Member transitions as the pool drives them from views and intents, on a fake transport and a manual clock. */
class MemberPoolTest {

    private static final Duration RECONNECT_TIMEOUT = Duration.ofHours(72);
    /** One seed, retried every 30 s, without limit. */
    private static final MemberPool.JoinSettings JOIN_ONE_SEED =
            new MemberPool.JoinSettings(List.of("127.0.0.9"), Duration.ofSeconds(30), 0);

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeTransport transport = new FakeTransport();
    private final List<String> events = new ArrayList<>();
    private final Member self = member("self");
    private final Member web = member("web");
    private final Member db = member("db");
    private MemberPool pool;

    @BeforeEach
    void start() throws Exception {
        MemberList list = new MemberList(clock, RECONNECT_TIMEOUT);
        list.addListener(new MemberListener() {
            @Override
            public void joined(Member m) {
                events.add("joined " + m.name());
            }

            @Override
            public void updated(Member m) {
                events.add("updated " + m.name());
            }

            @Override
            public void failed(Member m) {
                events.add("failed " + m.name());
            }

            @Override
            public void left(Member m) {
                events.add("left " + m.name());
            }

            @Override
            public void reaped(Member m) {
                events.add("reaped " + m.name());
            }
        });
        pool = new MemberPool("lan", self, transport, list, scheduler, Duration.ofSeconds(15));
        pool.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0));
    }

    private static Member member(String name) {
        return new Member(name, "127.0.0.1", 8301, Map.of("role", "node", "dc", "dc1"), MemberStatus.ALIVE);
    }

    private MemberStatus statusOf(String name) {
        return pool.members().member(name).orElseThrow().status();
    }

    @Test
    void membersInTheViewAreAliveAndAViewThatRepeatsThemChangesNothing() {
        transport.view(self, web);
        transport.view(self, web, db);

        assertThat(pool.members().members()).extracting(Member::name).containsExactly("db", "self", "web");
        assertThat(pool.members().members()).allMatch(m -> m.status() == MemberStatus.ALIVE);
        assertThat(events).containsExactly("joined self", "joined web", "joined db");
    }

    @Test
    void aMemberThatDropsOutWithoutAnnouncingItFails() {
        transport.view(self, web);
        transport.view(self);

        assertThat(statusOf("web")).isEqualTo(MemberStatus.FAILED);
        assertThat(events).endsWith("failed web");
        assertThat(transport.forgotten).as("a failed member is still probed, to heal a partition").isEmpty();
    }

    @Test
    void aMemberThatAnnouncesItsLeaveIsLeavingThenLeft() {
        transport.view(self, web);
        transport.intent(Intent.leave("web"));
        assertThat(statusOf("web")).isEqualTo(MemberStatus.LEAVING);
        assertThat(transport.forgotten).isEmpty();

        transport.view(self);
        assertThat(statusOf("web")).isEqualTo(MemberStatus.LEFT);
        assertThat(events).endsWith("joined web", "left web");
        assertThat(transport.forgotten).extracting(Member::name).containsExactly("web");
    }

    @Test
    void aLeaveAnnouncedAfterTheViewChangeStillMakesItLeftNotFailed() {
        transport.view(self, web);
        transport.view(self);
        transport.intent(Intent.leave("web"));

        assertThat(statusOf("web")).isEqualTo(MemberStatus.LEFT);
        assertThat(events).endsWith("failed web", "left web");
    }

    @Test
    void aFailedMemberThatComesBackIsAliveAgain() {
        transport.view(self, web);
        transport.view(self);
        transport.view(self, web);

        assertThat(statusOf("web")).isEqualTo(MemberStatus.ALIVE);
        assertThat(events).endsWith("failed web", "joined web");
    }

    @Test
    void aMemberBackWithOtherTagsIsUpdated() {
        transport.view(self, web);
        transport.view(self, new Member("web", "127.0.0.2", 8301, Map.of("role", "node"), MemberStatus.ALIVE));

        assertThat(pool.members().member("web").orElseThrow().addr()).isEqualTo("127.0.0.2");
        assertThat(events).endsWith("updated web");
    }

    @Test
    void departedMembersStayListedUntilTheReconnectTimeoutThenAreReaped() {
        transport.view(self, web, db);
        transport.intent(Intent.leave("db"));
        transport.view(self);

        clock.advance(RECONNECT_TIMEOUT.minusSeconds(1));
        pool.members().reap();
        assertThat(pool.members().members()).extracting(Member::name).containsExactly("db", "self", "web");

        clock.advance(Duration.ofSeconds(2));
        pool.members().reap();
        assertThat(pool.members().members()).extracting(Member::name).containsExactly("self");
        assertThat(events).contains("reaped web", "reaped db");
        assertThat(transport.forgotten).extracting(Member::name).containsExactlyInAnyOrder("db", "web", "db");
    }

    @Test
    void forceLeaveMarksAFailedMemberLeftForEveryMemberAndPruneDropsIt() {
        transport.view(self, web, db);
        transport.view(self);

        assertThat(pool.forceLeave("web", false)).isTrue();
        assertThat(pool.forceLeave("db", true)).isTrue();

        assertThat(statusOf("web")).isEqualTo(MemberStatus.LEFT);
        assertThat(pool.members().member("db")).isEmpty();
        assertThat(transport.broadcasts).containsExactly(Intent.forceLeave("web", false), Intent.forceLeave("db", true));
        assertThat(pool.forceLeave("nobody", false)).isFalse();
        assertThat(transport.forgotten).extracting(Member::name).contains("web", "db");
    }

    @Test
    void forceLeaveLeavesAnAliveMemberAlive() {
        transport.view(self, web);

        pool.forceLeave("web", false);

        assertThat(statusOf("web")).isEqualTo(MemberStatus.ALIVE);
    }

    @Test
    void leavingAnnouncesItThenLeavesThePool() {
        transport.view(self, web);

        pool.leave();

        assertThat(transport.broadcasts).containsExactly(Intent.leave("self"));
        assertThat(transport.left).isTrue();
        assertThat(statusOf("self")).isEqualTo(MemberStatus.LEFT);
    }

    /** A pool whose entering and joining run only when the test runs {@code background}. */
    private MemberPool enteringInBackground(FakeTransport transport, ManualScheduler background) {
        return new MemberPool("lan", self, transport, new MemberList(clock, RECONNECT_TIMEOUT), background,
                Duration.ofSeconds(15));
    }

    @Test
    void startingReturnsBeforeThePoolIsEnteredWithThisAgentListedAlive() throws Exception {
        FakeTransport entering = new FakeTransport();
        ManualScheduler background = new ManualScheduler();
        MemberPool starting = enteringInBackground(entering, background);

        starting.start(JOIN_ONE_SEED);

        assertThat(entering.connects).isZero();
        assertThat(starting.entered()).isFalse();
        assertThat(starting.members().members()).containsExactly(self);
        background.runPending();
        assertThat(entering.connects).isEqualTo(1);
        assertThat(starting.entered()).isTrue();
        assertThat(entering.joins).isEmpty();
        background.runPending();
        assertThat(entering.joins).hasSize(1);
    }

    @Test
    void aPoolThatCannotBeEnteredIsTriedAgainEveryRetryInterval() throws Exception {
        FakeTransport entering = new FakeTransport();
        entering.unconnectable = new java.net.BindException("Address already in use");
        ManualScheduler background = new ManualScheduler();
        MemberPool starting = enteringInBackground(entering, background);
        starting.start(JOIN_ONE_SEED);

        background.runPending();
        assertThat(background.delays).last().isEqualTo(30_000L);
        entering.unconnectable = null;
        background.runPending();
        background.runPending();

        assertThat(entering.connects).isEqualTo(2);
        assertThat(entering.joins).hasSize(1);
    }

    @Test
    void anAgentThatLeavesOrStopsBeforeThePoolIsEnteredDoesNotEnterIt() throws Exception {
        FakeTransport leaving = new FakeTransport();
        FakeTransport stopping = new FakeTransport();
        ManualScheduler background = new ManualScheduler();
        MemberPool left = enteringInBackground(leaving, background);
        MemberPool stopped = enteringInBackground(stopping, background);
        left.start(JOIN_ONE_SEED);
        stopped.start(JOIN_ONE_SEED);

        left.leave();
        stopped.close();
        while (background.runPending() > 0) {
            // nothing more may be queued
        }

        assertThat(leaving.connects + stopping.connects).isZero();
        assertThat(leaving.joins).isEmpty();
        assertThat(stopping.joins).isEmpty();
    }

    @Test
    void tagsChangedWhileEnteringAreTheOnesThePoolSees() throws Exception {
        FakeTransport entering = new FakeTransport();
        ManualScheduler background = new ManualScheduler();
        MemberPool starting = enteringInBackground(entering, background);
        starting.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0));

        starting.retag(Map.of("role", "node", "dc", "dc1", "meta.rack", "r1"));
        background.runPending();

        assertThat(starting.members().member("self").orElseThrow().tags()).containsEntry("meta.rack", "r1");
    }

    @Test
    void aJoinThatReachesNoOneFailsWithConsulsMessage() {
        transport.answering = 0;
        assertThatThrownBy(() -> pool.join(List.of("127.0.0.9")))
                .isInstanceOf(MembershipException.class)
                .hasMessageContaining("Failed to join 127.0.0.9");
    }

    @Test
    void aJoinAddressWithoutPortGetsThePoolPort() throws Exception {
        transport.answering = 1;

        assertThat(pool.join(List.of("127.0.0.9", "127.0.0.8:9301"))).isEqualTo(1);

        assertThat(transport.joins.get(0)).extracting(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                .containsExactly("127.0.0.9:8301", "127.0.0.8:9301");
    }
}
