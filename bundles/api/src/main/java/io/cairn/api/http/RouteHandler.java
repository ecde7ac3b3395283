package io.cairn.api.http;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers one request. Handlers that can answer at once return a completed stage
 * ({@link HttpResponse#completed}); blocking queries return a stage completed when the
 * watched data changes or the wait ends, so no thread parks per watcher.
 *
 * <p>Bad input is reported by throwing (or completing exceptionally with) an
 * {@link HttpException}, which becomes a {@code text/plain} answer with its status.
 */
@ConsumerType
@FunctionalInterface
public interface RouteHandler {
    CompletionStage<HttpResponse> handle(HttpRequest request) throws HttpException;
}
