package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;

/** The leader's TTL timers, moved by a test clock: reaped at exactly twice the TTL after the last renewal. */
class SessionTimersTest {

    private final SessionLockTest.MutableClock clock = new SessionLockTest.MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<String> expired = new ArrayList<>();
    private final SessionTimers timers = new SessionTimers(clock, expired::add);

    private static Session withTtl(String id, Duration ttl) {
        return new Session(id, "", "node1", Duration.ofSeconds(15), SessionBehavior.RELEASE, Optional.of(ttl),
                List.of(Session.SERF_HEALTH), List.of(), 1, 1);
    }

    @Test
    void aSessionExpiresAtTwiceItsTtlAfterItsLastRenewal() {
        timers.lead(List.of());
        Session s = withTtl("s", Duration.ofSeconds(10));
        timers.renewed(s);

        clock.advance(Duration.ofSeconds(15));
        timers.renewed(s);
        clock.advance(Duration.ofSeconds(19));
        timers.expireDue();
        assertThat(expired).as("19 s after the renewal, within 2×TTL").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        timers.expireDue();
        assertThat(expired).containsExactly("s");
        timers.expireDue();
        assertThat(expired).as("expired once").containsExactly("s");
    }

    @Test
    void aFollowerNeverExpiresAnything() {
        timers.renewed(withTtl("s", Duration.ofSeconds(10)));
        clock.advance(Duration.ofHours(1));
        timers.expireDue();
        assertThat(expired).isEmpty();
    }

    @Test
    void aNewLeaderGivesEverySessionAFullTtlFromItsOwnStart() {
        Session s = withTtl("s", Duration.ofSeconds(10));
        timers.lead(List.of(s));
        clock.advance(Duration.ofSeconds(15));
        timers.follow();
        clock.advance(Duration.ofSeconds(15));
        timers.lead(List.of(s, withTtl("no-ttl", Duration.ZERO)));
        assertThat(timers.deadline("s")).isEqualTo(clock.instant().plusSeconds(20));
        assertThat(timers.deadline("no-ttl")).as("a session without TTL has no timer").isNull();
        clock.advance(Duration.ofSeconds(20));
        timers.expireDue();
        assertThat(expired).containsExactly("s");
    }

    @Test
    void aDestroyedSessionLosesItsTimer() {
        timers.lead(List.of(withTtl("s", Duration.ofSeconds(10))));
        timers.ended("s");
        clock.advance(Duration.ofMinutes(1));
        timers.expireDue();
        assertThat(expired).isEmpty();
    }
}
