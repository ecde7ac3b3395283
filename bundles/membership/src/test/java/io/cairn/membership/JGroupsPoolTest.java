package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MembershipException;

/** Pools on real JGroups channels in one JVM, on loopback addresses 127.0.0.50-53. */
class JGroupsPoolTest {

    private static final int PORT = 18301;
    private static final String KEY = GossipKey.generate();

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<MemberPool> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(MemberPool::close);
        scheduler.shutdownNow();
    }

    private MemberPool pool(String name, String ip, String key, String... join) throws Exception {
        Member self = new Member(name, ip, PORT, Map.of("role", "node", "dc", "dc1"), MemberStatus.ALIVE);
        Optional<Keyring> keyring = Optional.ofNullable(key).map(k -> Keyring.of(List.of(k)));
        JGroupsTransport transport = new JGroupsTransport("cairn-test", InetAddress.getByName(ip),
                InetAddress.getByName(ip), PORT, keyring, PoolTimings.lan());
        MemberPool pool = new MemberPool("lan", self, transport, new MemberList(Clock.systemUTC(), Duration.ofHours(1)),
                scheduler, Duration.ofSeconds(15), keyring);
        pools.add(pool);
        pool.start(new MemberPool.JoinSettings(List.of(join), Duration.ofSeconds(1), 0));
        await().atMost(Duration.ofSeconds(20)).until(pool::entered); // the next member finds a pool, not another joiner
        return pool;
    }

    private static Map<String, MemberStatus> statuses(MemberPool pool) {
        Map<String, MemberStatus> s = new java.util.TreeMap<>();
        pool.members().members().forEach(m -> s.put(m.name(), m.status()));
        return s;
    }

    @Test
    void membersWithTheKeyConvergeOneWithoutItIsRefusedAndALeaveIsSeenAsLeft() throws Exception {
        MemberPool a = pool("a", "127.0.0.50", KEY);
        MemberPool b = pool("b", "127.0.0.51", KEY, "127.0.0.50");
        MemberPool c = pool("c", "127.0.0.52", KEY, "127.0.0.50", "127.0.0.51");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (MemberPool p : List.of(a, b, c)) {
                assertThat(statuses(p)).isEqualTo(Map.of("a", MemberStatus.ALIVE, "b", MemberStatus.ALIVE, "c", MemberStatus.ALIVE));
            }
        });
        assertThat(a.members().member("c").orElseThrow().tags()).containsEntry("dc", "dc1");

        MemberPool intruder = pool("intruder", "127.0.0.53", GossipKey.generate(), "127.0.0.50");
        assertThatThrownBy(() -> intruder.join(List.of("127.0.0.50"))).isInstanceOf(MembershipException.class);
        assertThat(statuses(a)).doesNotContainKey("intruder");
        assertThat(statuses(intruder)).containsOnlyKeys("intruder");

        c.leave();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(statuses(a)).containsEntry("c", MemberStatus.LEFT).containsEntry("b", MemberStatus.ALIVE));
    }
}
