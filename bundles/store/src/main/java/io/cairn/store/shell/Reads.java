package io.cairn.store.shell;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;

/** How a shell command reads and writes the store: as an HTTP request without query options would, waiting at most a while. */
final class Reads {

    /** The default read mode, this data centre, no blocking. */
    static final QueryOptions NOW = new QueryOptions(Optional.empty(), Optional.empty(), Consistency.DEFAULT, 0,
            Duration.ZERO, Optional.empty(), Optional.empty(), Map.of());

    /** Longer than a leader election: a command answers or says why. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Reads() {
    }

    static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer from the store within " + TIMEOUT.toSeconds() + " s");
        }
    }
}
