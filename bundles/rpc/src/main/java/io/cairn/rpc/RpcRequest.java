package io.cairn.rpc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jetty.util.URIUtil;

import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.QueryOptions;

/**
 * One request for a server's replicated state, as it travels over server RPC.
 *
 * @param method      the HTTP method
 * @param target      the path and query, percent-encoded ({@code /v1/kv/a?recurse})
 * @param headers     the headers passed on (the token, the body's type)
 * @param body        the body, empty for none
 * @param readTimeout how long the answer may take: above the wait of a blocking query
 */
public record RpcRequest(String method, String target, Map<String, String> headers, byte[] body,
                         Duration readTimeout) {

    /** How long a server may take over a request that does not block (a write through an election). */
    public static final Duration NON_BLOCKING_TIMEOUT = Duration.ofSeconds(60);
    /** What a blocking read may take beyond its wait and Consul's jitter of wait/16. */
    static final Duration BLOCKING_MARGIN = Duration.ofSeconds(15);
    /** The request headers a server needs: who asks (the token) and what the body is. */
    static final List<String> PASSED_HEADERS = List.of("X-Consul-Token", "Authorization", "Content-Type");

    public RpcRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The request a client agent received, to be answered by a server as it is. */
    public static RpcRequest of(HttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : PASSED_HEADERS) {
            request.header(name).ifPresent(value -> headers.put(name, value));
        }
        String query = request.rawQuery();
        String target = URIUtil.encodePath(request.path()) + (query.isEmpty() ? "" : "?" + query);
        return new RpcRequest(request.method(), target, headers, request.body(), readTimeout(request.options()));
    }

    /** Above the wait of a blocking query, so a parked read is not cut short on the way back. */
    public static Duration readTimeout(QueryOptions options) {
        return options.blocking()
                ? options.maxWait().plus(options.maxWait().dividedBy(16)).plus(BLOCKING_MARGIN)
                : NON_BLOCKING_TIMEOUT;
    }

    /** GETs change nothing, so one can be tried again on another server whatever went wrong. */
    public boolean idempotent() {
        return method.equals("GET") || method.equals("HEAD");
    }
}
