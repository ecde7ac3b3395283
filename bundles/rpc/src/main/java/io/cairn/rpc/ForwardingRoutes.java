package io.cairn.rpc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.ReplicatedPaths;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/**
 * A client agent's routes for the replicated state ({@link ReplicatedPaths}): each request is
 * passed on to a server as it came (method, path, query, body, token) and the server's answer
 * comes back as it went (status, body, content type, {@code X-Consul-*}). The server checks
 * methods and input, so every method is let through here.
 */
public final class ForwardingRoutes implements RouteProvider {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE");

    private final Forwarder forwarder;

    public ForwardingRoutes(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public List<Route> routes() {
        return ReplicatedPaths.PATHS.stream()
                .map(path -> new Route(path, METHODS,
                        request -> forwarder.forward(RpcRequest.of(request)).thenApply(ForwardingRoutes::answer))
                        .answeringAtOnce())
                .toList();
    }

    static HttpResponse answer(RpcResponse response) {
        Map<String, String> headers = response.headers().entrySet().stream()
                .filter(header -> !header.getKey().equalsIgnoreCase("Content-Type"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Optional<String> contentType = response.header("Content-Type");
        byte[] body = response.body().length == 0 ? null : response.body();
        return new HttpResponse(response.status(), body, contentType, Optional.empty(), headers);
    }
}
