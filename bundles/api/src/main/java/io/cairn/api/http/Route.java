package io.cairn.api.http;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of the route table.
 *
 * @param path    an exact path ({@code /v1/status/leader}) or, when it ends with {@code /},
 *                a prefix whose remainder the handler reads as {@link HttpRequest#suffix()}
 *                ({@code /v1/kv/} serves {@code /v1/kv/a/b} with suffix {@code a/b})
 * @param methods the HTTP methods allowed; any other gets 405 {@code method X not allowed}
 * @param handler what answers
 */
public record Route(String path, Set<String> methods, RouteHandler handler) {

    public Route {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        methods = Set.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("route " + path + " allows no method");
        }
    }

    public static Route get(String path, RouteHandler handler) {
        return new Route(path, Set.of("GET"), handler);
    }

    public static Route put(String path, RouteHandler handler) {
        return new Route(path, Set.of("PUT"), handler);
    }

    /** True when the path ends with {@code /}: everything below it is served. */
    public boolean isPrefix() {
        return path.endsWith("/");
    }
}
