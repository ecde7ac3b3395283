package io.cairn.agent;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; a seam so tests drive time with a fake clock instead of sleeping. */
@FunctionalInterface
public interface Timers {

    /** Schedules {@code task}; the returned action cancels it if it has not started. */
    Runnable schedule(Duration delay, Runnable task);

    static Timers of(ScheduledExecutorService scheduler) {
        return (delay, task) -> {
            ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
