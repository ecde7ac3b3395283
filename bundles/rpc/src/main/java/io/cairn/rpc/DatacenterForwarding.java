package io.cairn.rpc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.cairn.api.http.DatacenterForwarder;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;

/**
 * A server's way to another data centre: the request, {@code ?dc} included, goes to a server
 * of that data centre (which answers it as its own), chosen and retried per data centre as a
 * client agent chooses among its servers.
 */
public final class DatacenterForwarding implements DatacenterForwarder {

    private final Function<String, List<String>> serversOf;
    private final RpcClient client;
    private final RandomGenerator random;
    private final Map<String, Forwarder> forwarders = new ConcurrentHashMap<>();

    /**
     * @param serversOf a data centre's server RPC addresses ({@code ip:port}) known now, from
     *                  the WAN pool
     */
    public DatacenterForwarding(Function<String, List<String>> serversOf, RpcClient client, RandomGenerator random) {
        this.serversOf = serversOf;
        this.client = client;
        this.random = random;
    }

    @Override
    public CompletionStage<HttpResponse> forward(String datacenter, HttpRequest request) {
        if (serversOf.apply(datacenter).isEmpty()) {
            return CompletableFuture.failedFuture(new HttpException(500, DatacenterForwarder.NO_PATH));
        }
        Forwarder forwarder = forwarders.computeIfAbsent(datacenter, dc ->
                new Forwarder(new ServerSelector(() -> serversOf.apply(dc), random), client));
        return forwarder.forward(RpcRequest.of(request)).thenApply(ForwardingRoutes::answer);
    }
}
