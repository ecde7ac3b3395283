package io.cairn.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.zip.Deflater;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;

/**
 * Turns what a handler answered, or how it failed, into status, headers and bytes, the way
 * Consul's HTTP wrapper does: JSON for values, {@code text/plain} for errors, the
 * {@code X-Consul-*} headers for every answer that carries a {@link QueryMeta}.
 */
public final class ResponseEncoder {

    /**
     * Status, headers and body, ready for the wire.
     *
     * @param cached the cache entry the body came from (its gzip is kept there too), or null
     */
    public record Encoded(int status, Map<String, String> headers, byte[] body, EncodedAnswers.Entry cached) {

        public Encoded(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, null);
        }
    }

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    static final String OCTETS = "application/octet-stream";

    private static final Logger LOG = LoggerFactory.getLogger(ResponseEncoder.class);
    private static final byte[] NO_BODY = new byte[0];

    private final JsonCodec json;
    private final EncodedAnswers answers;

    public ResponseEncoder(JsonCodec json) {
        this(json, new EncodedAnswers(64L << 20));
    }

    ResponseEncoder(JsonCodec json, EncodedAnswers answers) {
        this.json = json;
        this.answers = answers;
    }

    EncodedAnswers answers() {
        return answers;
    }

    public Encoded encode(HttpResponse response) {
        return encode(response, null);
    }

    /**
     * @param cacheKey the request's key in the {@link EncodedAnswers} cache (a GET's path and
     *                 query without index and wait), or null when the answer is not to be cached
     */
    public Encoded encode(HttpResponse response, String cacheKey) {
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
                headers.put("Content-Type", type.orElse(JSON));
                if (cacheKey != null && response.status() == 200 && response.meta().isPresent()) {
                    long index = response.meta().get().index();
                    EncodedAnswers.Entry entry = answers.lookup(cacheKey, body, index, this::writeJson);
                    if (entry != null) {
                        return new Encoded(response.status(), headers, entry.json(), entry);
                    }
                }
                bytes = json.write(body);
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

    private byte[] writeJson(Object body) {
        try {
            return json.write(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gzipped form of an encoded answer: kept with its cache entry, else compressed now. */
    byte[] gzip(Encoded encoded) {
        return encoded.cached() != null ? answers.gzipOf(encoded.cached())
                : EncodedAnswers.gzip(encoded.body(), Deflater.BEST_SPEED);
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
