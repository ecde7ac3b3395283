package io.cairn.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import io.cairn.api.consensus.QueryResult;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.kv.KvDelete;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvPut;
import io.cairn.api.kv.KvStore;

/** {@code /v1/kv/:key}: Consul's KV endpoint over a {@link KvStore}. */
public final class KvEndpoint implements RouteProvider {

    private final KvStore kv;

    public KvEndpoint(KvStore kv) {
        this.kv = kv;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("/v1/kv/", Set.of("GET", "PUT", "DELETE"), this::handle).answeringAtOnce());
    }

    CompletionStage<HttpResponse> handle(HttpRequest request) throws HttpException {
        return HttpErrors.mapped(switch (request.method()) {
            case "PUT" -> put(request);
            case "DELETE" -> delete(request);
            default -> get(request);
        });
    }

    private CompletionStage<HttpResponse> get(HttpRequest request) throws HttpException {
        String key = request.suffix();
        if (request.flag("keys")) {
            Optional<String> separator = request.param("separator").or(() -> request.param("seperator"))
                    .filter(s -> !s.isEmpty());
            // an empty root answers [], an empty prefix below it 404, as Consul
            return kv.keys(key, separator, request.options())
                    .thenApply(r -> r.value().isEmpty() && !key.isEmpty() ? notFound(r) : found(r));
        }
        if (request.flag("recurse")) {
            return kv.list(key, request.options()).thenApply(r -> r.value().isEmpty() ? notFound(r) : found(r));
        }
        if (key.isEmpty()) {
            throw HttpException.badRequest("Missing key name");
        }
        boolean raw = request.flag("raw");
        return kv.get(key, request.options()).thenApply(r -> r.value()
                .map(entry -> raw
                        ? new HttpResponse(200, entry.value(), Optional.of("text/plain"), Optional.of(r.meta()), Map.of())
                        : HttpResponse.json(List.of(entry), r.meta()))
                .orElseGet(() -> notFound(r)));
    }

    private CompletionStage<HttpResponse> put(HttpRequest request) throws HttpException {
        String key = requireKey(request);
        long flags = unsigned(request, "flags").orElse(0);
        OptionalLong cas = unsigned(request, "cas");
        Optional<String> acquire = request.param("acquire");
        Optional<String> release = request.param("release");
        if (Stream.of(cas.isPresent(), acquire.isPresent(), release.isPresent()).filter(b -> b).count() > 1) {
            throw HttpException.badRequest("Conflicting flags: cas, acquire and release are exclusive");
        }
        byte[] value = request.body();
        if (value.length > KvStore.MAX_VALUE_SIZE) {
            throw new HttpException(413, "Request body(" + value.length + " bytes) too large, max size: "
                    + KvStore.MAX_VALUE_SIZE + " bytes.");
        }
        KvPut put = new KvPut(key, value, flags, cas);
        if (acquire.isPresent()) {
            return kv.acquire(put, acquire.get()).thenApply(HttpResponse::json);
        }
        if (release.isPresent()) {
            return kv.release(put, release.get()).thenApply(HttpResponse::json);
        }
        return kv.put(put).thenApply(HttpResponse::json);
    }

    private CompletionStage<HttpResponse> delete(HttpRequest request) throws HttpException {
        boolean recurse = request.flag("recurse");
        String key = recurse ? request.suffix() : requireKey(request);
        return kv.delete(new KvDelete(key, recurse, unsigned(request, "cas"))).thenApply(HttpResponse::json);
    }

    private static String requireKey(HttpRequest request) throws HttpException {
        if (request.suffix().isEmpty()) {
            throw HttpException.badRequest("Missing key name");
        }
        return request.suffix();
    }

    /** A uint64 parameter as Go's {@code strconv.ParseUint} reads it. */
    private static OptionalLong unsigned(HttpRequest request, String name) throws HttpException {
        Optional<String> text = request.param(name);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(text.get()));
        } catch (NumberFormatException e) {
            throw HttpException.badRequest("Invalid " + name + ": " + text.get());
        }
    }

    private static HttpResponse found(QueryResult<?> result) {
        return HttpResponse.json(result.value(), result.meta());
    }

    /** Consul answers a miss with 404 and still the index headers, which clients need to block on. */
    private static HttpResponse notFound(QueryResult<?> result) {
        QueryMeta meta = result.meta();
        return new HttpResponse(404, null, Optional.empty(), Optional.of(meta), Map.of());
    }
}
