package io.cairn.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.QueryOptions;

/** A request as a client agent's HTTP API hands it to a route. */
record ClientRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                     QueryOptions options) implements HttpRequest {

    static QueryOptions options(long index, Duration wait) {
        return new QueryOptions(Optional.empty(), Optional.empty(), Consistency.DEFAULT, index, wait,
                Optional.empty(), Optional.empty(), Map.of());
    }

    static ClientRequest get(String path, String rawQuery) {
        return new ClientRequest("GET", path, rawQuery, Map.of(), new byte[0], options(0, Duration.ofMinutes(5)));
    }

    @Override
    public String suffix() {
        return "";
    }

    @Override
    public Optional<String> param(String name) {
        throw new UnsupportedOperationException("a forwarded request is passed on unread");
    }

    @Override
    public List<String> params(String name) {
        throw new UnsupportedOperationException("a forwarded request is passed on unread");
    }

    @Override
    public boolean flag(String name) throws HttpException {
        throw new UnsupportedOperationException("a forwarded request is passed on unread");
    }

    @Override
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }

    @Override
    public <T> T bodyAs(Class<T> type) {
        throw new UnsupportedOperationException("a forwarded request is passed on unread");
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }
}
