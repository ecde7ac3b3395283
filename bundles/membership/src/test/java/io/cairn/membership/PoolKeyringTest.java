package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MembershipException;

/** Keyring operations spread over the pool and tags re-announced, on a fake transport. */
class PoolKeyringTest {

    private static final String K1 = GossipKey.generate();
    private static final String K2 = GossipKey.generate();
    private static final Duration WAIT = Duration.ofMillis(200);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeTransport transport = new FakeTransport();
    private final Member self = member("self");
    private final Keyring keyring = Keyring.of(List.of(K1));
    private final List<String> events = new ArrayList<>();
    private MemberPool pool;

    private static Member member(String name) {
        return new Member(name, "127.0.0.160", 8301, Map.of("role", "node"), MemberStatus.ALIVE);
    }

    @BeforeEach
    void start() throws Exception {
        MemberList list = new MemberList(new ManualClock(), Duration.ofHours(72));
        list.addListener(new MemberListener() {
            @Override
            public void updated(Member m) {
                events.add("updated " + m.name() + " " + m.tags());
            }
        });
        pool = new MemberPool("lan", self, transport, list, scheduler, Duration.ofSeconds(15), Optional.of(keyring));
        pool.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0));
    }

    /** Another member with its own keyring, answering as the pool would. */
    private static java.util.function.Function<KeyringMessage.Request, KeyringMessage.Reply> other(String name, Keyring ring) {
        return request -> {
            String error = "";
            try {
                switch (request.op()) {
                    case INSTALL -> ring.install(request.key());
                    case USE -> ring.use(request.key());
                    case REMOVE -> ring.remove(request.key());
                    default -> {
                    }
                }
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            }
            return new KeyringMessage.Reply(request.id(), name, ring.encoded(), error);
        };
    }

    @Test
    void anInstallIsAppliedHereAndByEveryMemberAndTheListCountsTheirKeys() throws Exception {
        Keyring webRing = Keyring.of(List.of(K1));
        transport.view(self, member("web"));
        transport.others.add(other("web", webRing));

        KeyringResult install = pool.keyring(KeyringMessage.Op.INSTALL, K2, WAIT);
        assertThat(install.error()).isEmpty();
        assertThat(keyring.encoded()).containsExactly(K1, K2);
        assertThat(webRing.encoded()).containsExactly(K1, K2);

        KeyringResult list = pool.keyring(KeyringMessage.Op.LIST, "", WAIT);
        assertThat(list.numNodes()).isEqualTo(2);
        assertThat(list.keys()).isEqualTo(Map.of(K1, 2, K2, 2));
        assertThat(list.primaryKeys()).isEqualTo(Map.of(K1, 2));

        pool.keyring(KeyringMessage.Op.USE, K2, WAIT);
        pool.keyring(KeyringMessage.Op.REMOVE, K1, WAIT);
        assertThat(keyring.encoded()).containsExactly(K2);
        assertThat(webRing.encoded()).containsExactly(K2);
    }

    @Test
    void removingThePrimaryKeyIsRefusedByEveryMemberWithConsulsMessage() throws Exception {
        transport.view(self, member("web"));
        transport.others.add(other("web", Keyring.of(List.of(K1))));

        KeyringResult remove = pool.keyring(KeyringMessage.Op.REMOVE, K1, WAIT);

        assertThat(remove.error()).contains("2/2 nodes reported failure");
        assertThat(remove.messages()).isEqualTo(Map.of("self", "Removing the primary key is not allowed",
                "web", "Removing the primary key is not allowed"));
        assertThat(keyring.encoded()).containsExactly(K1);
    }

    @Test
    void aMemberThatDoesNotAnswerInTimeIsReported() throws Exception {
        transport.view(self, member("web"), member("db"));
        transport.others.add(other("web", Keyring.of(List.of(K1))));

        KeyringResult list = pool.keyring(KeyringMessage.Op.LIST, "", WAIT);

        assertThat(list.error()).contains("2/3 nodes reported success");
    }

    @Test
    void aKeyThatIsNoKeyIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> pool.keyring(KeyringMessage.Op.INSTALL, "bm90IGEga2V5", WAIT))
                .isInstanceOf(MembershipException.class).hasMessageContaining("16, 24 or 32 bytes");
        assertThat(transport.keyringRequests).isEmpty();
    }

    @Test
    void withoutEncryptionEveryOperationSaysSo() throws Exception {
        FakeTransport plain = new FakeTransport();
        MemberPool clear = new MemberPool("lan", self, plain, new MemberList(new ManualClock(), Duration.ofHours(1)),
                scheduler, Duration.ofSeconds(15));
        clear.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0));

        KeyringResult list = clear.keyring(KeyringMessage.Op.LIST, "", WAIT);

        assertThat(list.messages()).containsEntry("self", "Keyring is empty (encryption not enabled)");
        assertThat(list.error()).contains("1/1 nodes reported failure");
    }

    @Test
    void newTagsAreAnnouncedOnceAndShownHere() {
        transport.view(self, member("web"));

        assertThat(pool.retag(Map.of("role", "node", "meta.rack", "r2"))).isTrue();
        assertThat(pool.retag(Map.of("role", "node", "meta.rack", "r2"))).isFalse();

        assertThat(transport.announced).hasSize(1);
        assertThat(pool.members().member("self").orElseThrow().tags()).containsEntry("meta.rack", "r2");
        assertThat(events).containsExactly("updated self " + Map.of("role", "node", "meta.rack", "r2"));
    }
}
