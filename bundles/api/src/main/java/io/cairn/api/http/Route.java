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
 * @param mayBlock whether the handler may hold the calling thread (file or network I/O done
 *                 in place, a wait on a future): such a handler is called on a pool thread.
 *                 One that only computes and returns a stage ({@link #answeringAtOnce}) is
 *                 called on the thread that read the request, with no hand-off.
 */
public record Route(String path, Set<String> methods, RouteHandler handler, boolean mayBlock) {

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

    /** A route whose handler may block (the safe default). */
    public Route(String path, Set<String> methods, RouteHandler handler) {
        this(path, methods, handler, true);
    }

    /** This route, its handler declared never to block: it computes and returns a stage. */
    public Route answeringAtOnce() {
        return new Route(path, methods, handler, false);
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
