package io.cairn.rpc;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.http.HttpException;

/**
 * Passes a request on to a server of the data centre and hands back its answer, whatever its
 * status: the servers chosen by a {@link ServerSelector}, one after the other while a server
 * cannot be reached. A GET is tried on the next server after any failure to answer but a
 * timeout (a parked read that timed out would only park again); anything else only when the
 * connection could not be made, since then the server has seen nothing of it.
 *
 * <p>When no leader is known, the first request starts one {@code /v1/status/leader} query in
 * the background, so that later requests go to the leader directly.
 */
public final class Forwarder {

    /** Consul's {@code structs.ErrNoServers}, what its clients see when no server is known. */
    public static final String NO_SERVERS = "No known Consul servers";

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    private static final RpcRequest LEADER_QUERY = new RpcRequest("GET", "/v1/status/leader", Map.of(), null,
            Duration.ofSeconds(5));

    private final ServerSelector selector;
    private final RpcClient client;
    private final AtomicBoolean askingLeader = new AtomicBoolean();

    public Forwarder(ServerSelector selector, RpcClient client) {
        this.selector = selector;
        this.client = client;
    }

    /**
     * The server's answer, or a failed stage with an {@link HttpException}: 500
     * {@value #NO_SERVERS} when no server is known, 500 {@code rpc error making call: ...}
     * when none answered.
     */
    public CompletionStage<RpcResponse> forward(RpcRequest request) {
        List<String> servers = selector.order();
        if (servers.isEmpty()) {
            return CompletableFuture.failedFuture(new HttpException(500, NO_SERVERS));
        }
        if (!selector.leaderKnown()) {
            learnLeader(servers.get(0));
        }
        return attempt(request, servers, 0);
    }

    private CompletionStage<RpcResponse> attempt(RpcRequest request, List<String> servers, int index) {
        String server = servers.get(index);
        return client.send(server, request).handle((response, failure) -> {
            if (failure == null) {
                selector.answered(server);
                return CompletableFuture.completedStage(response);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (notConnected(cause)) {
                selector.unreachable(server);
            }
            if (index + 1 < servers.size() && retryable(request, cause)) {
                LOG.debug("Server {} did not answer {} {} ({}); trying {}", server, request.method(),
                        request.target(), cause.toString(), servers.get(index + 1));
                return attempt(request, servers, index + 1);
            }
            return CompletableFuture.<RpcResponse>failedStage(
                    new HttpException(500, "rpc error making call: " + describe(server, cause)));
        }).thenCompose(stage -> stage);
    }

    static boolean retryable(RpcRequest request, Throwable cause) {
        return notConnected(cause) || request.idempotent() && !(cause instanceof TimeoutException);
    }

    /** Refused or not accepted in time: the server saw nothing of the request. */
    static boolean notConnected(Throwable cause) {
        // Jetty's client reports a connect timeout as a SocketTimeoutException, a request timeout as a TimeoutException
        return cause instanceof ConnectException || cause instanceof SocketTimeoutException;
    }

    private void learnLeader(String server) {
        if (!askingLeader.compareAndSet(false, true)) {
            return;
        }
        client.send(server, LEADER_QUERY).whenComplete((response, failure) -> {
            askingLeader.set(false);
            if (failure == null && response.ok()) {
                selector.leaderIs(leaderIn(response.body()));
            }
        });
    }

    /** The body of {@code /v1/status/leader}: a JSON string, {@code ""} when there is no leader. */
    static Optional<String> leaderIn(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.length() < 2 || !text.startsWith("\"") || !text.endsWith("\"")) {
            return Optional.empty();
        }
        return Optional.of(text.substring(1, text.length() - 1)).filter(s -> !s.isEmpty());
    }

    private static String describe(String server, Throwable cause) {
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return "dial tcp " + server + ": " + message;
    }
}
