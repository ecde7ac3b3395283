package io.cairn.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.cairn.api.http.QueryOptions;

/**
 * Consul's blocking read: answer at once unless the caller already has data at
 * {@code minIndex} or newer; then park on the read's watch (no thread) until that data
 * changes or {@code maxWait} (already jittered by the HTTP bundle) ends, and answer with the
 * data as it is then.
 */
public final class BlockingQuery {

    private final Executor wakeups;

    /** @param wakeups where woken reads run, off the thread that applied the change */
    public BlockingQuery(Executor wakeups) {
        this.wakeups = wakeups;
    }

    public <T> CompletableFuture<Indexed<T>> run(QueryOptions options, Supplier<CompletableFuture<Void>> watch,
                                                 Supplier<Indexed<T>> read) {
        Indexed<T> now = read.get();
        if (!options.blocking() || now.index() > options.minIndex()) {
            return CompletableFuture.completedFuture(now);
        }
        CompletableFuture<Void> change = watch.get();
        // a change between the first read and the registration would otherwise be missed
        Indexed<T> again = read.get();
        if (again.index() > options.minIndex()) {
            change.cancel(false);
            return CompletableFuture.completedFuture(again);
        }
        return change.completeOnTimeout(null, options.maxWait().toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((woken, failure) -> read.get(), wakeups);
    }
}
