package io.cairn.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.QueryOptions;

/** A request as the HTTP bundle would hand it to a route. */
final class FakeRequest implements HttpRequest {

    private final String method;
    private final String suffix;
    private final Map<String, List<String>> params = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private Object boundBody;
    private Optional<String> filter = Optional.empty();
    private Map<String, String> nodeMeta = Map.of();
    private long minIndex;
    private Duration maxWait = Duration.ofMinutes(5);

    private FakeRequest(String method, String suffix) {
        this.method = method;
        this.suffix = suffix;
    }

    static FakeRequest kv(String method, String key) {
        return new FakeRequest(method, key);
    }

    /** A request to a prefix route, e.g. {@code GET /v1/catalog/service/} with suffix {@code web}. */
    static FakeRequest to(String method, String suffix) {
        return new FakeRequest(method, suffix);
    }

    /** Adds a value; a repeated name is a repeatable parameter ({@code ?tag=a&tag=b}). */
    FakeRequest param(String name, String value) {
        params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    /** What {@link #bodyAs} answers: the body as the HTTP bundle would have decoded it. */
    FakeRequest bodyAs(Object value) {
        boundBody = value;
        return this;
    }

    FakeRequest filter(String expression) {
        filter = Optional.of(expression);
        return this;
    }

    FakeRequest nodeMeta(Map<String, String> pairs) {
        nodeMeta = pairs;
        return this;
    }

    FakeRequest body(byte[] value) {
        body = value;
        return this;
    }

    FakeRequest block(long index, Duration wait) {
        minIndex = index;
        maxWait = wait;
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return "/v1/kv/" + suffix;
    }

    @Override
    public String suffix() {
        return suffix;
    }

    @Override
    public QueryOptions options() {
        return new QueryOptions(Optional.empty(), Optional.empty(), Consistency.DEFAULT, minIndex, maxWait,
                filter, Optional.empty(), nodeMeta);
    }

    @Override
    public Optional<String> param(String name) {
        return params(name).stream().findFirst();
    }

    @Override
    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    @Override
    public boolean flag(String name) throws HttpException {
        String value = param(name).orElse(null);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase()) {
            case "", "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw HttpException.badRequest("invalid boolean " + name + "=" + value);
        };
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.empty();
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        return type.cast(boundBody);
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }
}
