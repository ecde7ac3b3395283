package io.cairn.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

/** Timers on a fake clock: {@link #advance} moves time and runs what fell due, in order. */
final class FakeTimers implements Timers {

    private record Task(Instant due, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::seq));
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private long seq;

    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            synchronized (FakeTimers.this) {
                return now;
            }
        }
    };

    @Override
    public synchronized Runnable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task);
        queue.add(t);
        return () -> {
            synchronized (FakeTimers.this) {
                queue.remove(t);
            }
        };
    }

    void advance(Duration by) {
        Instant until;
        synchronized (this) {
            until = now.plus(by);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due().isAfter(until)) {
                    now = until;
                    return;
                }
                queue.poll();
                now = next.due();
            }
            next.run().run();
        }
    }

    synchronized int pending() {
        return queue.size();
    }
}
