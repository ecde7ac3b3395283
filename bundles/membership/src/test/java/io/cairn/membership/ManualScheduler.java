package io.cairn.membership;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler that runs nothing by itself: the test runs what is due with {@link #runPending()}.
 * Only the calls the pool makes are supported.
 */
final class ManualScheduler extends ScheduledThreadPoolExecutor {

    final List<Runnable> pending = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();

    ManualScheduler() {
        super(0);
    }

    @Override
    public void execute(Runnable command) {
        pending.add(command);
        delays.add(0L);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        pending.add(command);
        delays.add(unit.toMillis(delay));
        return null;
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return null; // the reaper: tests call MemberList.reap() themselves
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    /** Runs what is queued now (not what those runs queue). */
    int runPending() {
        List<Runnable> due = new ArrayList<>(pending);
        pending.clear();
        due.forEach(Runnable::run);
        return due.size();
    }
}
