package io.cairn.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A server's answer over server RPC.
 *
 * @param status  the HTTP status
 * @param headers the {@code X-Consul-*} headers and the content type, names matched ignoring case
 * @param body    the body, empty for none
 */
public record RpcResponse(int status, Map<String, String> headers, byte[] body) {

    public RpcResponse {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public boolean ok() {
        return status / 100 == 2;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
