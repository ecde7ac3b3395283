package io.cairn.api.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a handler answers.
 *
 * @param status  the HTTP status
 * @param body    a value sent as JSON with Consul's PascalCase names; a {@code byte[]} sent
 *                as is; a {@link String} with a text content type sent as text; null for none
 * @param contentType the content type, or empty for the default of the body kind
 * @param meta    the read's index and leadership facts, sent as {@code X-Consul-*} headers
 * @param headers further headers
 */
public record HttpResponse(int status, Object body, Optional<String> contentType,
                           Optional<QueryMeta> meta, Map<String, String> headers) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(Object body) {
        return new HttpResponse(200, body, Optional.empty(), Optional.empty(), Map.of());
    }

    public static HttpResponse json(Object body, QueryMeta meta) {
        return new HttpResponse(200, body, Optional.empty(), Optional.of(meta), Map.of());
    }

    /** An empty 200, as Consul answers most agent writes. */
    public static HttpResponse ok() {
        return new HttpResponse(200, null, Optional.empty(), Optional.empty(), Map.of());
    }

    public HttpResponse withStatus(int newStatus) {
        return new HttpResponse(newStatus, body, contentType, meta, headers);
    }

    public HttpResponse withContentType(String type) {
        return new HttpResponse(status, body, Optional.of(type), meta, headers);
    }

    public CompletionStage<HttpResponse> completed() {
        return CompletableFuture.completedFuture(this);
    }
}
