package io.cairn.store;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.cairn.api.consensus.StoreException;
import io.cairn.api.http.HttpException;

/** Turns the store's failures into the HTTP answers Consul gives for them. */
final class HttpErrors {

    private HttpErrors() {
    }

    static <T> CompletionStage<T> mapped(CompletionStage<T> stage) {
        return stage.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            throw new CompletionException(toHttp(failure));
        });
    }

    static Throwable toHttp(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StoreException e) {
            int status = switch (e.reason()) {
                case BAD_REQUEST -> 400;
                case TOO_LARGE -> 413;
                case NO_LEADER, UNAVAILABLE -> 500;
            };
            return new HttpException(status, e.getMessage());
        }
        return cause;
    }
}
