package io.cairn.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;

/**
 * Turns what a handler answered, or how it failed, into status, headers and bytes, the way
 * Consul's HTTP wrapper does: JSON for values, {@code text/plain} for errors, the
 * {@code X-Consul-*} headers for every answer that carries a {@link QueryMeta}.
 */
public final class ResponseEncoder {

    /** Status, headers and body, ready for the wire. */
    public record Encoded(int status, Map<String, String> headers, byte[] body) {
    }

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    static final String OCTETS = "application/octet-stream";

    private static final Logger LOG = LoggerFactory.getLogger(ResponseEncoder.class);
    private static final byte[] NO_BODY = new byte[0];

    private final JsonCodec json;

    public ResponseEncoder(JsonCodec json) {
        this.json = json;
    }

    public Encoded encode(HttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Consul 1.9+ tells every client the ACL default; Cairn has no ACLs yet, so allow
        headers.put("X-Consul-Default-Acl-Policy", "allow");
        response.meta().ifPresent(meta -> addMetaHeaders(meta, headers));
        headers.putAll(response.headers());
        Object body = response.body();
        Optional<String> type = response.contentType();
        byte[] bytes;
        try {
            if (body == null) {
                bytes = NO_BODY;
            } else if (body instanceof byte[] raw) {
                bytes = raw;
                headers.put("Content-Type", type.orElse(OCTETS));
            } else if (body instanceof String text && type.filter(t -> t.startsWith("text/")).isPresent()) {
                bytes = text.getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", type.get());
            } else {
                bytes = json.write(body);
                headers.put("Content-Type", type.orElse(JSON));
            }
        } catch (Exception e) {
            return encode(failure(e, "encoding a " + body.getClass().getName()));
        }
        type.filter(t -> bytes.length == 0).ifPresent(t -> headers.put("Content-Type", t));
        return new Encoded(response.status(), headers, bytes);
    }

    /**
     * The answer for a failed request: an {@link HttpException} (also inside a
     * CompletionException) as its status and message, anything else as a logged 500.
     */
    public HttpResponse failure(Throwable failure, String request) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpException http) {
            return text(http.status(), String.valueOf(http.getMessage()));
        }
        LOG.error("HTTP request {} failed", request, cause);
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        return text(500, message);
    }

    public static HttpResponse text(int status, String message) {
        return text(status, message, Map.of());
    }

    public static HttpResponse text(int status, String message, Map<String, String> headers) {
        return new HttpResponse(status, message, Optional.of(TEXT), Optional.empty(), headers);
    }

    private static void addMetaHeaders(QueryMeta meta, Map<String, String> headers) {
        // clients treat index 0 as "no index" and spin: Consul never sends less than 1
        headers.put("X-Consul-Index", Long.toUnsignedString(meta.index() == 0 ? 1 : meta.index()));
        headers.put("X-Consul-KnownLeader", Boolean.toString(meta.knownLeader()));
        headers.put("X-Consul-LastContact", Long.toString(Math.max(0, meta.lastContactMs())));
        headers.put("X-Consul-Effective-Consistency", meta.consistency().headerValue());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
