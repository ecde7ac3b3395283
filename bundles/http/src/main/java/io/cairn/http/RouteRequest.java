package io.cairn.http;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.QueryOptions;

/** A request as a route handler sees it: already routed, parsed and with its body read. */
final class RouteRequest implements HttpRequest {

    private final String method;
    private final String path;
    private final String suffix;
    private final String rawQuery;
    private final QueryParameters query;
    private final QueryOptions options;
    private final Function<String, String> headers;
    private final byte[] body;
    private final JsonCodec json;
    private final String remoteAddress;

    RouteRequest(String method, String path, String suffix, String rawQuery, QueryParameters query,
                 QueryOptions options, Function<String, String> headers, byte[] body, JsonCodec json,
                 String remoteAddress) {
        this.method = method;
        this.path = path;
        this.suffix = suffix;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.query = query;
        this.options = options;
        this.headers = headers;
        this.body = body;
        this.json = json;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String suffix() {
        return suffix;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public QueryOptions options() {
        return options;
    }

    @Override
    public Optional<String> param(String name) {
        return query.first(name);
    }

    @Override
    public List<String> params(String name) {
        return query.all(name);
    }

    @Override
    public boolean flag(String name) throws HttpException {
        return query.flag(name);
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public <T> T bodyAs(Class<T> type) throws HttpException {
        return json.read(body, type);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
