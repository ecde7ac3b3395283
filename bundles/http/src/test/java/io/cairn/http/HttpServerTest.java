package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.config.Ports;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryMeta;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/** The real Jetty on 127.0.0.1 and an ephemeral port, spoken to with the JDK's client. */
class HttpServerTest {

    record Service(String id, String serviceName, List<String> tags, boolean enableTagOverride) {
    }

    private static final long MAX_BODY = 1024;

    private final CompletableFuture<HttpResponse> later = new CompletableFuture<>();
    private final RouteRegistry routes = new RouteRegistry();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;
    private String base;

    private final RouteProvider provider = () -> List.of(
            Route.get("/v1/service", request -> HttpResponse.json(
                    List.of(new Service("web-1", "web", List.of(), true)),
                    new QueryMeta(12, true, 0, request.options().consistency())).completed()),
            Route.get("/v1/kv/", request -> new HttpResponse(404, null, Optional.empty(),
                    Optional.of(new QueryMeta(0, true, 3, Consistency.DEFAULT)), Map.of()).completed()),
            Route.put("/v1/agent/service/register", request -> {
                Service service = request.bodyAs(Service.class);
                return HttpResponse.json(service.id() + ":" + service.enableTagOverride()).completed();
            }),
            Route.put("/v1/agent/service/deregister/", request -> HttpResponse.json(request.suffix()).completed()),
            new Route("/v1/echo", Set.of("PUT", "POST"), request ->
                    new HttpResponse(200, request.body(), Optional.empty(), Optional.empty(), Map.of()).completed()),
            Route.get("/v1/later", request -> later),
            Route.get("/v1/boom", request -> {
                throw new IllegalStateException("boom");
            }),
            Route.get("/v1/gone", request -> CompletableFuture.failedFuture(HttpException.notFound("Session id 'x' not found"))));

    @BeforeEach
    void start() throws Exception {
        routes.add(provider);
        server = new HttpServer(new HttpServerSettings(List.of("127.0.0.1"), 0, Ports.DISABLED, MAX_BODY, 4), routes,
                new QueryOptionsParser());
        server.start();
        base = "http://127.0.0.1:" + server.ports().get(0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private java.net.http.HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private java.net.http.HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private java.net.http.HttpResponse<String> put(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(BodyPublishers.ofString(body)));
    }

    @Test
    void jsonInPascalCaseWithConsulHeaders() throws Exception {
        var response = get("/v1/service?stale");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "[{\"ID\":\"web-1\",\"ServiceName\":\"web\",\"Tags\":[],\"EnableTagOverride\":true}]");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.headers().firstValue("X-Consul-Index")).contains("12");
        assertThat(response.headers().firstValue("X-Consul-KnownLeader")).contains("true");
        assertThat(response.headers().firstValue("X-Consul-LastContact")).contains("0");
        assertThat(response.headers().firstValue("X-Consul-Effective-Consistency")).contains("stale");
        assertThat(response.headers().firstValue("X-Consul-Default-Acl-Policy")).contains("allow");
    }

    @Test
    void aParkedRequestWhoseClientLeavesHasItsConnectionClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.ports().get(0))) {
            socket.getOutputStream().write("GET /v1/later?index=5 HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            await().atMost(10, TimeUnit.SECONDS).until(() -> server.openConnections() == 1);
        }
        // the handler never answers: only the client's close can end the connection
        await().atMost(10, TimeUnit.SECONDS).until(() -> server.openConnections() == 0);
        assertThat(later).isNotDone();
    }

    @Test
    void aParkedRequestAnsweredKeepsItsConnectionForTheNextRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.ports().get(0))) {
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            out.write("GET /v1/later?index=5 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            await().atMost(10, TimeUnit.SECONDS).until(() -> server.openConnections() == 1);
            later.complete(HttpResponse.json(Map.of("done", true)));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            skipToBody(in);
            out.write("GET /v1/service HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).as("the same connection answers the next request").isEqualTo("HTTP/1.1 200 OK");
        }
    }

    /** Reads a head and a body of its Content-Length. */
    private static void skipToBody(java.io.BufferedReader in) throws Exception {
        int length = 0;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertThat(in.skip(length)).isEqualTo(length);
    }

    @Test
    void notFoundWithMetaCarriesTheIndexHeaders() throws Exception {
        var response = get("/v1/kv/config/app/?recurse&index=3&wait=1s");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("X-Consul-Index")).contains("1");
        assertThat(response.headers().firstValue("X-Consul-LastContact")).contains("3");
        assertThat(response.headers().firstValue("X-Consul-KnownLeader")).contains("true");
        assertThat(response.headers().firstValue("X-Consul-Effective-Consistency")).contains("leader");
    }

    @Test
    void unknownPathAndWrongMethod() throws Exception {
        var missing = get("/v1/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        var wrongMethod = get("/v1/agent/service/register");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEqualTo("method GET not allowed");
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("PUT");
    }

    @Test
    void bodyBindsCaseInsensitivelyAndBadInputIsA400() throws Exception {
        assertThat(put("/v1/agent/service/register", "{\"id\":\"a\",\"enable_tag_override\":true}").body())
                .isEqualTo("\"a:true\"");

        var badJson = put("/v1/agent/service/register", "{\"ID\":");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).startsWith("Request decode failed: ");
        assertThat(badJson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

        var badIndex = get("/v1/service?index=-1");
        assertThat(badIndex.statusCode()).isEqualTo(400);
        assertThat(badIndex.body()).isEqualTo("Invalid index");

        var conflicting = get("/v1/service?stale&consistent");
        assertThat(conflicting.statusCode()).isEqualTo(400);
        assertThat(conflicting.body()).isEqualTo("Cannot specify ?stale with ?consistent, conflicting semantics.");
    }

    @Test
    void prefixSuffixIsDecoded() throws Exception {
        var response = put("/v1/agent/service/deregister/scope%2Fname", "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"scope/name\"");
    }

    @Test
    void rawBytesGoBackAsOctets() throws Exception {
        var response = put("/v1/echo", "raw value");
        assertThat(response.body()).isEqualTo("raw value");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        var declared = put("/v1/echo", "x".repeat((int) MAX_BODY + 1));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("too large");

        // chunked: no Content-Length, the bound applies while reading
        byte[] big = new byte[(int) MAX_BODY * 4];
        var chunked = send(HttpRequest.newBuilder(URI.create(base + "/v1/echo"))
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(chunked.statusCode()).isEqualTo(413);

        assertThat(put("/v1/echo", "x".repeat((int) MAX_BODY)).statusCode()).isEqualTo(200);
    }

    @Test
    void asyncHandlerIsAnsweredWhenItsStageCompletes() throws Exception {
        var pending = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/later")).build(),
                BodyHandlers.ofString());
        Thread.sleep(200);
        assertThat(pending).isNotDone();

        later.complete(HttpResponse.json(Map.of("done", true)));
        var response = pending.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"done\":true}");
    }

    @Test
    void failuresBecomeTextAnswersAndTheServerKeepsServing() throws Exception {
        var boom = get("/v1/boom");
        assertThat(boom.statusCode()).isEqualTo(500);
        assertThat(boom.body()).isEqualTo("boom");

        var gone = get("/v1/gone");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("Session id 'x' not found");

        assertThat(get("/v1/service").statusCode()).isEqualTo(200);
    }

    @Test
    void routesFollowTheirProvider() throws Exception {
        routes.remove(provider);
        assertThat(get("/v1/service").statusCode()).isEqualTo(404);
        routes.add(provider);
        assertThat(get("/v1/service").statusCode()).isEqualTo(200);
    }

    @Test
    void connectionsBeyondThePerClientLimitGet429() throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                // a request answered on each proves the server counted the connection
                Socket socket = new Socket("127.0.0.1", server.ports().get(0));
                open.add(socket);
                assertThat(exchange(socket, "GET /v1/service HTTP/1.1\r\nHost: test\r\n\r\n"))
                        .startsWith("HTTP/1.1 200 ");
            }
            try (Socket extra = new Socket("127.0.0.1", server.ports().get(0))) {
                assertThat(exchange(extra, "")).startsWith("HTTP/1.1 429 ");
            }
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
        // the slots come back once those connections are gone
        awaitStatus("/v1/service", 200);
    }

    @Test
    void handlersThatBlockHoldUpNoOtherConnection() throws Exception {
        // more held handlers than selector threads: had they run where their requests were
        // read, every selector would be held and the quick route would never be read
        int held = HttpServer.SELECTORS + 1;
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger entered = new java.util.concurrent.atomic.AtomicInteger();
        RouteRegistry own = new RouteRegistry();
        own.add(() -> List.of(
                Route.get("/v1/slow", request -> {
                    entered.incrementAndGet();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return HttpResponse.json("slow").completed();
                }),
                Route.get("/v1/quick", request -> HttpResponse.json("quick").completed()).answeringAtOnce()));
        List<Socket> slow = new ArrayList<>();
        try (HttpServer unlimited = new HttpServer(new HttpServerSettings(List.of("127.0.0.1"), 0, Ports.DISABLED,
                MAX_BODY, 0), own, new QueryOptionsParser())) {
            unlimited.start();
            int port = unlimited.ports().get(0);
            for (int i = 0; i < held; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                slow.add(socket);
                socket.getOutputStream().write("GET /v1/slow HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> entered.get() == held);

            try (Socket quick = new Socket("127.0.0.1", port)) {
                assertThat(exchange(quick, "GET /v1/quick HTTP/1.1\r\nHost: test\r\n\r\n")).startsWith("HTTP/1.1 200 ");
            }
            release.countDown();
            for (Socket socket : slow) {
                assertThat(exchange(socket, "")).startsWith("HTTP/1.1 200 ");
            }
        } finally {
            release.countDown();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static String exchange(Socket socket, String request) throws Exception {
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[4096];
        int read = socket.getInputStream().read(buffer);
        return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.US_ASCII);
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if (get(path).statusCode() == status) {
                    return;
                }
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " never answered " + status);
            }
            Thread.sleep(50);
        }
    }
}
