package io.cairn.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.cairn.api.http.Route;

/**
 * An immutable snapshot of every route the server answers: exact paths in one map, prefix
 * paths in another. A lookup costs one hash probe per path segment and needs no lock, so a
 * new table is built and swapped in whole when providers come and go.
 *
 * <p>Paths are matched in their raw (still percent-encoded) form so that an encoded slash
 * ({@code scope%2Fname}) stays inside the suffix; the suffix is decoded afterwards.
 */
public final class RouteTable {

    /** What a lookup found. */
    public sealed interface Match {
    }

    /** A route allows the method; {@code rawSuffix} is the encoded rest of a prefix route's path. */
    public record Found(Route route, String rawSuffix) implements Match {
    }

    /** The path is served, but not with this method (Consul: 405 {@code method X not allowed}). */
    public record MethodNotAllowed(Route route) implements Match {
    }

    public record NotFound() implements Match {
    }

    public static final RouteTable EMPTY = new RouteTable(Map.of(), Map.of());

    private static final NotFound NOT_FOUND = new NotFound();

    private final Map<String, Route> exact;
    private final Map<String, Route> prefixes;

    private RouteTable(Map<String, Route> exact, Map<String, Route> prefixes) {
        this.exact = exact;
        this.prefixes = prefixes;
    }

    /**
     * Builds a table from routes in order of precedence: when two routes claim the same
     * path the first stays and {@code onConflict} hears of the one dropped, with the kept one.
     */
    public static RouteTable of(List<Route> routes, BiConsumer<Route, Route> onConflict) {
        Map<String, Route> exact = new HashMap<>();
        Map<String, Route> prefixes = new HashMap<>();
        for (Route route : routes) {
            Route kept = (route.isPrefix() ? prefixes : exact).putIfAbsent(route.path(), route);
            if (kept != null) {
                onConflict.accept(route, kept);
            }
        }
        return new RouteTable(Map.copyOf(exact), Map.copyOf(prefixes));
    }

    /** Finds the route for a raw path: an exact route first, else the longest prefix route. */
    public Match find(String method, String rawPath) {
        Route route = exact.get(rawPath);
        int suffixStart = rawPath.length();
        if (route == null) {
            // walk the path's slashes from the right: the first prefix found is the longest
            for (int slash = rawPath.lastIndexOf('/'); slash >= 0 && route == null;
                 slash = rawPath.lastIndexOf('/', slash - 1)) {
                route = prefixes.get(rawPath.substring(0, slash + 1));
                suffixStart = slash + 1;
            }
        }
        if (route == null) {
            return NOT_FOUND;
        }
        if (!route.methods().contains(method)) {
            return new MethodNotAllowed(route);
        }
        return new Found(route, rawPath.substring(suffixStart));
    }

    public int size() {
        return exact.size() + prefixes.size();
    }
}
