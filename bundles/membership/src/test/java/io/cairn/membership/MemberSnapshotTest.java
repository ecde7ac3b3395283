package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;

/** serf/local.snapshot: the members to rejoin at start, and rejoin_after_leave. */
class MemberSnapshotTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final FakeTransport transport = new FakeTransport();

    private static Member member(String name, String ip) {
        return new Member(name, ip, 8301, Map.of("role", "node"), MemberStatus.ALIVE);
    }

    private MemberPool pool(Path file, List<String> rejoin) throws Exception {
        MemberList list = new MemberList(clock, Duration.ofHours(72));
        MemberPool pool = new MemberPool("lan", member("self", "127.0.0.160"), transport, list, scheduler, Duration.ofSeconds(15));
        pool.snapshot(new MemberSnapshot(file, "self", list, MemberSnapshot.read(file)));
        pool.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0, rejoin));
        scheduler.runPending(); // enters the pool
        return pool;
    }

    @Test
    void theOtherAliveMembersAreKeptAndRejoinedAfterACrash() throws Exception {
        Path file = dir.resolve("serf/local.snapshot");
        MemberPool pool = pool(file, List.of());
        transport.view(member("self", "127.0.0.160"), member("web", "127.0.0.161"), member("db", "127.0.0.162"));
        transport.view(member("self", "127.0.0.160"), member("web", "127.0.0.161"));

        MemberSnapshot.Previous previous = MemberSnapshot.read(file);
        assertThat(previous.alive()).containsExactly("127.0.0.161:8301");
        assertThat(previous.left()).isFalse();
        assertThat(MemberSnapshot.rejoin(previous, false, "lan")).containsExactly("127.0.0.161:8301");

        FakeTransport restarted = new FakeTransport();
        MemberPool again = new MemberPool("lan", member("self", "127.0.0.160"), restarted,
                new MemberList(clock, Duration.ofHours(72)), scheduler, Duration.ofSeconds(15));
        again.start(new MemberPool.JoinSettings(List.of(), Duration.ofSeconds(30), 0, MemberSnapshot.rejoin(previous, false, "lan")));
        assertThat(restarted.seeds).extracting(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                .containsExactly("127.0.0.161:8301");
        scheduler.runPending(); // enters the pool
        scheduler.runPending(); // then rejoins the previous members
        assertThat(restarted.joins).hasSize(1);
        assertThat(pool.members().members()).hasSize(3);
    }

    @Test
    void afterAGracefulLeaveThePreviousMembersAreRejoinedOnlyWithRejoinAfterLeave() throws Exception {
        Path file = dir.resolve("local.snapshot");
        MemberPool pool = pool(file, List.of());
        transport.view(member("self", "127.0.0.160"), member("web", "127.0.0.161"));

        pool.leave();

        MemberSnapshot.Previous previous = MemberSnapshot.read(file);
        assertThat(previous.left()).isTrue();
        assertThat(previous.alive()).containsExactly("127.0.0.161:8301");
        assertThat(MemberSnapshot.rejoin(previous, false, "lan")).isEmpty();
        assertThat(MemberSnapshot.rejoin(previous, true, "lan")).containsExactly("127.0.0.161:8301");
    }

    @Test
    void aRunThatDidNotRejoinAfterLeavingKeepsThePreviousMembersForALaterRejoin() throws Exception {
        Path file = dir.resolve("local.snapshot");
        MemberPool first = pool(file, List.of());
        transport.view(member("self", "127.0.0.160"), member("web", "127.0.0.161"));
        first.leave();

        // restarted without rejoin_after_leave: alone, and leaves again
        MemberPool alone = pool(file, MemberSnapshot.rejoin(MemberSnapshot.read(file), false, "lan"));
        transport.view(member("self", "127.0.0.160"));
        alone.leave();

        MemberSnapshot.Previous previous = MemberSnapshot.read(file);
        assertThat(previous.members()).containsExactly(Map.entry("web", "127.0.0.161:8301"));
        assertThat(MemberSnapshot.rejoin(previous, true, "lan")).containsExactly("127.0.0.161:8301");
    }

    @Test
    void aStartWithoutSnapshotRejoinsNoOne() {
        MemberSnapshot.Previous previous = MemberSnapshot.read(dir.resolve("missing"));

        assertThat(previous.alive()).isEmpty();
        assertThat(MemberSnapshot.rejoin(previous, true, "lan")).isEmpty();
    }
}
