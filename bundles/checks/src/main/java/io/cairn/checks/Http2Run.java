package io.cairn.checks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

import io.cairn.api.check.CheckResult;

/**
 * One run of an HTTP/2 check (gRPC, H2PING) on a connection of its own: whichever comes
 * first — the answer, a failure, the timeout — decides the result, once; the timer stops and
 * the connection closes.
 */
abstract class Http2Run implements Session.Listener {

    final CompletableFuture<CheckResult> result = new CompletableFuture<>();
    private final Scheduler scheduler;
    final long timeoutMs;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicReference<Session> session = new AtomicReference<>();
    private volatile Scheduler.Task timer;

    Http2Run(Scheduler scheduler, long timeoutMs) {
        this.scheduler = scheduler;
        this.timeoutMs = timeoutMs;
    }

    /** Starts the clock: at the timeout the run ends with what {@code timedOut} says. */
    final void startTimer(Supplier<CheckResult> timedOut) {
        timer = scheduler.schedule(() -> finish(timedOut.get()), timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** What to tell the client when the connection is made, or not. */
    final Promise<Session> connected() {
        return new Promise<>() {
            @Override
            public void succeeded(Session opened) {
                session.set(opened);
                if (done.get()) {
                    close(opened);
                    return;
                }
                opened(opened);
            }

            @Override
            public void failed(Throwable failure) {
                finish(dialFailed(failure));
            }
        };
    }

    /** The connection is up: send what the check sends. */
    abstract void opened(Session session);

    /** The result when the connection could not be made. */
    abstract CheckResult dialFailed(Throwable failure);

    final boolean connectedYet() {
        return session.get() != null;
    }

    final boolean finished() {
        return done.get();
    }

    /** The first result wins; the timer stops and the connection closes. */
    final void finish(CheckResult outcome) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        Scheduler.Task t = timer;
        if (t != null) {
            t.cancel();
        }
        result.complete(outcome);
        Session s = session.get();
        if (s != null) {
            close(s);
        }
    }

    private static void close(Session s) {
        s.close(ErrorCode.NO_ERROR.code, null, Callback.NOOP);
    }
}
