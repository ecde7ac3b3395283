package io.cairn.membership;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code retry_join}: attempts a join now and again every {@code retry_interval} until one
 * reaches a member, or {@code retry_max} attempts failed ({@code 0}: no limit).
 */
final class JoinRetry {

    private static final Logger LOG = LoggerFactory.getLogger(JoinRetry.class);

    private final String pool;
    private final IntSupplier attempt;
    private final Duration interval;
    private final int max;
    private final ScheduledExecutorService scheduler;
    private int failures;
    private volatile boolean done;

    /** @param attempt joins and returns how many members answered */
    JoinRetry(String pool, IntSupplier attempt, Duration interval, int max, ScheduledExecutorService scheduler) {
        this.pool = pool;
        this.attempt = attempt;
        this.interval = interval;
        this.max = max;
        this.scheduler = scheduler;
    }

    void start() {
        scheduler.execute(this::attempt);
    }

    boolean done() {
        return done;
    }

    void attempt() {
        int joined = attempt.getAsInt();
        if (joined > 0) {
            LOG.info("Join {} completed. Initial agents synced: {}", pool, joined);
            done = true;
            return;
        }
        failures++;
        if (max > 0 && failures >= max) {
            LOG.error("Join {}: max join retry exhausted after {} attempts", pool, failures);
            done = true;
            return;
        }
        LOG.warn("Join {} failed, retrying in {}", pool, interval);
        scheduler.schedule(this::attempt, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
}
