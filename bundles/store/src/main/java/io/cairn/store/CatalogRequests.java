package io.cairn.store;

import java.util.List;
import java.util.Optional;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.filter.Filter;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;

/** What the catalog and health endpoints read from a request the same way. */
final class CatalogRequests {

    private CatalogRequests() {
    }

    /** The name after a prefix route ({@code /v1/catalog/service/web}); 400 with {@code message} when empty. */
    static String name(HttpRequest request, String message) throws HttpException {
        if (request.suffix().isEmpty()) {
            throw HttpException.badRequest(message);
        }
        return request.suffix();
    }

    /** The {@code ?filter} for answers of {@code type}, parsed before anything is read. */
    static Optional<Filter> filter(HttpRequest request, Class<?> type) throws HttpException {
        return Filter.of(request, type);
    }

    /** A list read answered as JSON with its meta, after the filter. */
    static <T> HttpResponse list(QueryResult<List<T>> result, Optional<Filter> filter) {
        List<T> values = filter.map(f -> f.apply(result.value())).orElse(result.value());
        return HttpResponse.json(values, result.meta());
    }
}
