package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;

/**
 * Key rotation and re-announced tags on real JGroups channels in one JVM, on 127.0.0.160-167:
 * the pool stays whole through install, use and remove; afterwards only the new key gets in.
 */
class JGroupsRotationTest {

    private static final int PORT = 18311;
    private static final String K1 = GossipKey.generate();
    private static final String K2 = GossipKey.generate();
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<MemberPool> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(MemberPool::close);
        scheduler.shutdownNow();
    }

    private MemberPool pool(String name, String ip, Keyring keyring, String... join) throws Exception {
        Member self = new Member(name, ip, PORT, Map.of("role", "node", "dc", "dc1"), MemberStatus.ALIVE);
        JGroupsTransport transport = new JGroupsTransport("cairn-rotation", InetAddress.getByName(ip),
                InetAddress.getByName(ip), PORT, Optional.of(keyring), PoolTimings.lan());
        MemberPool pool = new MemberPool("lan", self, transport, new MemberList(Clock.systemUTC(), Duration.ofHours(1)),
                scheduler, Duration.ofSeconds(15), Optional.of(keyring));
        pools.add(pool);
        pool.start(new MemberPool.JoinSettings(List.of(join), Duration.ofSeconds(1), 0));
        await().atMost(Duration.ofSeconds(20)).until(pool::entered); // the next member finds a pool, not another joiner
        return pool;
    }

    private static Map<String, MemberStatus> statuses(MemberPool pool) {
        Map<String, MemberStatus> s = new TreeMap<>();
        pool.members().members().forEach(m -> s.put(m.name(), m.status()));
        return s;
    }

    @Test
    void aRotationKeepsThePoolWholeAndThenOnlyTheNewKeyGetsIn() throws Exception {
        Keyring ka = Keyring.of(List.of(K1));
        Keyring kb = Keyring.of(List.of(K1));
        Keyring kc = Keyring.of(List.of(K1));
        MemberPool a = pool("a", "127.0.0.160", ka);
        MemberPool b = pool("b", "127.0.0.161", kb, "127.0.0.160");
        MemberPool c = pool("c", "127.0.0.162", kc, "127.0.0.160");
        Map<String, MemberStatus> three = Map.of("a", MemberStatus.ALIVE, "b", MemberStatus.ALIVE, "c", MemberStatus.ALIVE);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (MemberPool p : List.of(a, b, c)) {
                assertThat(statuses(p)).isEqualTo(three);
            }
        });

        List<String> departures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (MemberPool p : List.of(a, b, c)) {
            p.members().addListener(new io.cairn.api.membership.MemberListener() {
                @Override
                public void failed(Member m) {
                    departures.add(p.self().name() + " saw " + m.name() + " fail");
                }
            });
        }

        assertThat(b.keyring(KeyringMessage.Op.INSTALL, K2, WAIT).error()).isEmpty();
        assertThat(List.of(ka, kb, kc)).allSatisfy(k -> assertThat(k.encoded()).containsExactly(K1, K2));
        assertThat(c.keyring(KeyringMessage.Op.USE, K2, WAIT).error()).isEmpty();
        KeyringResult refused = a.keyring(KeyringMessage.Op.REMOVE, K2, WAIT);
        assertThat(refused.error()).contains("3/3 nodes reported failure");
        assertThat(refused.messages().values()).containsOnly("Removing the primary key is not allowed");
        assertThat(a.keyring(KeyringMessage.Op.REMOVE, K1, WAIT).error()).isEmpty();
        assertThat(List.of(ka, kb, kc)).allSatisfy(k -> assertThat(k.encoded()).containsExactly(K2));

        KeyringResult list = a.keyring(KeyringMessage.Op.LIST, "", WAIT);
        assertThat(list.keys()).isEqualTo(Map.of(K2, 3));
        assertThat(list.numNodes()).isEqualTo(3);

        // the pool never split: nobody was ever seen failed
        assertThat(departures).isEmpty();
        assertThat(List.of(a, b, c)).allSatisfy(p -> assertThat(statuses(p)).isEqualTo(three));

        MemberPool stale = pool("stale", "127.0.0.163", Keyring.of(List.of(K1)), "127.0.0.160");
        MemberPool fresh = pool("fresh", "127.0.0.164", Keyring.of(List.of(K2)), "127.0.0.160");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(a)).containsEntry("fresh", MemberStatus.ALIVE));
        assertThat(statuses(a)).doesNotContainKey("stale");
        assertThat(statuses(stale)).containsOnlyKeys("stale");
    }

    @Test
    void newTagsReachEveryMemberAndOneThatJoinsLater() throws Exception {
        Keyring ring = Keyring.of(List.of(K1));
        MemberPool a = pool("a", "127.0.0.165", ring);
        MemberPool b = pool("b", "127.0.0.166", Keyring.of(List.of(K1)), "127.0.0.165");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(statuses(a)).containsEntry("b", MemberStatus.ALIVE));

        a.retag(Map.of("role", "node", "dc", "dc1", "meta.rack", "r2"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(b.members().member("a").orElseThrow().tags()).containsEntry("meta.rack", "r2"));

        MemberPool c = pool("c", "127.0.0.167", Keyring.of(List.of(K1)), "127.0.0.166");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(c.members().member("a")).isPresent();
            assertThat(c.members().member("a").orElseThrow().tags()).containsEntry("meta.rack", "r2");
        });
        // a later view change does not bring the old announcement back
        c.leave();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statuses(b)).containsEntry("c", MemberStatus.LEFT));
        assertThat(b.members().member("a").orElseThrow().tags()).containsEntry("meta.rack", "r2");
    }
}
