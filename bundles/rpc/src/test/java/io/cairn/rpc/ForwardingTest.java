package io.cairn.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;

/** A client agent's forwarding routes against fake servers on 127.0.0.80. */
class ForwardingTest {

    private final RpcClient client = new RpcClient();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        client.close();
    }

    private FakeServer server(FakeServer fake) {
        closing.add(fake);
        return fake;
    }

    private ForwardingRoutes routesTo(List<String> servers) {
        // a fixed order (no random start) so the test knows which server is tried first
        return new ForwardingRoutes(new Forwarder(new ServerSelector(() -> servers, new FirstIndex()), client));
    }

    private static HttpResponse call(ForwardingRoutes routes, ClientRequest request) {
        Route route = routes.routes().stream()
                .filter(r -> r.isPrefix() ? request.path().startsWith(r.path()) : request.path().equals(r.path()))
                .findFirst().orElseThrow(() -> new AssertionError("no forwarding route for " + request.path()));
        try {
            return route.handler().handle(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CompletionException(e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e);
        }
    }

    @Test
    void aRequestReachesTheServerAsSentAndItsAnswerComesBackAsAnswered() throws Exception {
        FakeServer fake = server(FakeServer.answering(new FakeServer.Answer(200,
                Map.of("X-Consul-Index", "42", "X-Consul-KnownLeader", "true", "Content-Type", "application/json",
                        "Server", "fake"),
                "true".getBytes(StandardCharsets.UTF_8))));
        ClientRequest put = new ClientRequest("PUT", "/v1/kv/app/a b%", "cas=0&flags=7",
                Map.of("X-Consul-Token", "secret", "Content-Type", "text/plain"),
                "value".getBytes(StandardCharsets.UTF_8), ClientRequest.options(0, Duration.ofMinutes(5)));

        HttpResponse answer = call(routesTo(List.of(fake.address())), put);

        FakeServer.Received got = fake.received.stream().filter(r -> r.target().startsWith("/v1/kv/"))
                .findFirst().orElseThrow();
        assertThat(got.method()).isEqualTo("PUT");
        assertThat(got.target()).isEqualTo("/v1/kv/app/a%20b%25?cas=0&flags=7");
        assertThat(got.header("X-Consul-Token")).isEqualTo("secret");
        assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("value");
        assertThat(answer.status()).isEqualTo(200);
        assertThat((byte[]) answer.body()).asString(StandardCharsets.UTF_8).isEqualTo("true");
        assertThat(answer.contentType()).contains("application/json");
        assertThat(answer.headers()).containsEntry("X-Consul-Index", "42").containsEntry("X-Consul-KnownLeader", "true")
                .doesNotContainKey("Server");
    }

    @Test
    void aServerRefusalIsPassedOnNotRetried() throws Exception {
        FakeServer first = server(FakeServer.answering(new FakeServer.Answer(404,
                Map.of("X-Consul-Index", "9"), new byte[0])));
        FakeServer second = server(FakeServer.answering(FakeServer.Answer.json("[]", Map.of())));

        HttpResponse answer = call(routesTo(List.of(first.address(), second.address())),
                ClientRequest.get("/v1/kv/missing", ""));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers()).containsEntry("X-Consul-Index", "9");
        assertThat(second.received).isEmpty();
    }

    @Test
    void aGetGoesToTheNextServerWhenOneIsDownOrDropsTheConnection() throws Exception {
        FakeServer alive = server(FakeServer.answering(FakeServer.Answer.json("\"10.0.0.1:8300\"", Map.of())));
        String dropping = droppingServer();

        HttpResponse answer = call(routesTo(List.of(deadAddress(), dropping, alive.address())),
                ClientRequest.get("/v1/status/leader", ""));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(alive.received).hasSize(1);
    }

    @Test
    void aWriteIsNotRepeatedOnAnotherServerOnceOneMayHaveSeenIt() throws Exception {
        FakeServer alive = server(FakeServer.answering(FakeServer.Answer.json("true", Map.of())));
        ForwardingRoutes routes = routesTo(List.of(droppingServer(), alive.address()));
        ClientRequest put = new ClientRequest("PUT", "/v1/kv/k", "", Map.of(), "v".getBytes(StandardCharsets.UTF_8),
                ClientRequest.options(0, Duration.ofMinutes(5)));

        assertThatThrownBy(() -> call(routes, put)).hasCauseInstanceOf(HttpException.class)
                .cause().hasMessageStartingWith("rpc error making call:");
        assertThat(alive.received).isEmpty();
    }

    @Test
    void aWriteGoesToTheNextServerWhenTheFirstRefusesTheConnection() throws Exception {
        FakeServer alive = server(FakeServer.answering(FakeServer.Answer.json("true", Map.of())));
        ClientRequest put = new ClientRequest("PUT", "/v1/kv/k", "", Map.of(), "v".getBytes(StandardCharsets.UTF_8),
                ClientRequest.options(0, Duration.ofMinutes(5)));

        assertThat(call(routesTo(List.of(deadAddress(), alive.address())), put).status()).isEqualTo(200);
    }

    @Test
    void withNoServerKnownTheAnswerIsConsulsNoServersError() {
        assertThatThrownBy(() -> call(routesTo(List.of()), ClientRequest.get("/v1/catalog/services", "")))
                .cause().isInstanceOf(HttpException.class).hasMessage("No known Consul servers")
                .satisfies(e -> assertThat(((HttpException) e).status()).isEqualTo(500));
    }

    @Test
    void requestsGoToTheLeaderOnceAServerHasNamedIt() throws Exception {
        FakeServer leader = server(FakeServer.answering(FakeServer.Answer.json("[]", Map.of())));
        FakeServer follower = server(FakeServer.answering(FakeServer.Answer.json("\"" + leader.address() + "\"",
                Map.of())));
        ForwardingRoutes routes = routesTo(List.of(follower.address(), leader.address()));

        call(routes, ClientRequest.get("/v1/catalog/nodes", ""));
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.received.stream()
                .anyMatch(r -> r.target().equals("/v1/status/leader")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            call(routes, ClientRequest.get("/v1/catalog/nodes", "index=1"));
            assertThat(leader.received).isNotEmpty();
        });
    }

    @Test
    void parkedBlockingQueriesHoldConnectionsNotThreads() throws Exception {
        int watchers = 1_000;
        List<CompletableFuture<FakeServer.Answer>> parked = new CopyOnWriteArrayList<>();
        FakeServer fake = server(new FakeServer(request -> {
            if (request.target().equals("/v1/status/leader")) {
                return CompletableFuture.completedFuture(FakeServer.Answer.json("\"\"", Map.of()));
            }
            CompletableFuture<FakeServer.Answer> later = new CompletableFuture<>();
            parked.add(later);
            return later;
        }));
        ForwardingRoutes routes = routesTo(List.of(fake.address()));
        Route kv = routes.routes().stream().filter(r -> r.path().equals("/v1/kv/")).findFirst().orElseThrow();
        List<CompletionStage<HttpResponse>> answers = new ArrayList<>();
        for (int i = 0; i < watchers; i++) {
            answers.add(kv.handler().handle(new ClientRequest("GET", "/v1/kv/watched/" + i, "index=5&wait=1m",
                    Map.of(), new byte[0], ClientRequest.options(5, Duration.ofMinutes(1)))));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> parked.size() == watchers);

        long rpcThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("cairn-rpc")).count();
        assertThat(rpcThreads).isLessThan(watchers / 10);

        parked.forEach(p -> p.complete(FakeServer.Answer.json("[]", Map.of("X-Consul-Index", "6"))));
        for (CompletionStage<HttpResponse> answer : answers) {
            assertThat(answer.toCompletableFuture().get(30, TimeUnit.SECONDS).headers())
                    .containsEntry("X-Consul-Index", "6");
        }
    }

    @Test
    void aBlockingReadMayTakeLongerThanItsWait() {
        assertThat(RpcRequest.readTimeout(ClientRequest.options(5, Duration.ofMinutes(10))))
                .isGreaterThan(Duration.ofMinutes(10).plus(Duration.ofMinutes(10).dividedBy(16)));
        assertThat(RpcRequest.readTimeout(ClientRequest.options(0, Duration.ofMinutes(10))))
                .isEqualTo(RpcRequest.NON_BLOCKING_TIMEOUT);
    }

    /** An address nothing listens on: a port bound once, then closed. */
    private static String deadAddress() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(FakeServer.HOST))) {
            return FakeServer.HOST + ":" + socket.getLocalPort();
        }
    }

    /** A server that accepts connections and closes them unanswered, as one dying would. */
    private String droppingServer() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(FakeServer.HOST));
        closing.add(socket);
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket accepted = socket.accept()) {
                    // reset, not a clean close: the caller sees the connection cut off at once
                    accepted.setSoLinger(true, 0);
                    accepted.getInputStream().read();
                } catch (IOException e) {
                    // one connection failed; the next one is still dropped
                }
            }
        }, "dropping-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return FakeServer.HOST + ":" + socket.getLocalPort();
    }

    /** Always starts the round at the first server. */
    private static final class FirstIndex extends Random {
        private static final long serialVersionUID = 1L;

        @Override
        public int nextInt(int bound) {
            return 0;
        }
    }
}
