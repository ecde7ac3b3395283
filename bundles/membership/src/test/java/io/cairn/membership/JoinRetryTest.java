package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** retry_join: attempt, wait retry_interval, again, until someone answers or retry_max attempts failed. */
class JoinRetryTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void retriesEveryIntervalUntilAMemberAnswers() {
        JoinRetry retry = new JoinRetry("lan", () -> attempts.incrementAndGet() < 3 ? 0 : 2,
                Duration.ofSeconds(30), 0, scheduler);
        retry.start();

        while (scheduler.runPending() > 0) {
            assertThat(scheduler.delays).allMatch(d -> d == 0 || d == 30_000);
        }

        assertThat(attempts).hasValue(3);
        assertThat(retry.done()).isTrue();
    }

    @Test
    void stopsAfterRetryMaxFailedAttempts() {
        JoinRetry retry = new JoinRetry("lan", () -> {
            attempts.incrementAndGet();
            return 0;
        }, Duration.ofSeconds(1), 4, scheduler);
        retry.start();

        while (scheduler.runPending() > 0) {
            // each failed attempt schedules the next until the limit
        }

        assertThat(attempts).hasValue(4);
        assertThat(retry.done()).isTrue();
    }
}
