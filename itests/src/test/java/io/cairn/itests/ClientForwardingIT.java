package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client agent holds no replicated state: what its users ask of the KV, the catalog and the
 * Raft status it passes on to a server over server RPC (the server's {@code ports.server}).
 */
class ClientForwardingIT {

    private static AgentProcess server;
    private static AgentProcess client;

    @BeforeAll
    static void startServerAndClient() throws Exception {
        server = AgentProcess.start("127.0.0.81:8500", "-server", "-bootstrap", "-node", "rpc-server",
                "-bind", "127.0.0.81", "-client", "127.0.0.81",
                "-data-dir", AgentProcess.tempDataDir("rpc-server").toString());
        client = AgentProcess.start("127.0.0.82:8500", "-node", "rpc-client", "-bind", "127.0.0.82",
                "-client", "127.0.0.82", "-retry-join", "127.0.0.81",
                "-data-dir", AgentProcess.tempDataDir("rpc-client").toString());
        server.awaitRunning();
        client.awaitRunning();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(server.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.81:8300\""));
        // a fresh server's first Raft writes can take seconds; the tests time the client, not that
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(server.put("/v1/kv/warm-up", "x").body()).isEqualTo("true"));
    }

    @AfterAll
    static void stopBoth() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theLeaderSeenThroughTheClientIsTheServersRpcAddressAndThatAddressAnswers() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.get("/v1/status/leader").body()).isEqualTo("\"127.0.0.81:8300\""));

        HttpResponse<String> rpc = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.81:8300/v1/status/peers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rpc.body()).isEqualTo("[\"127.0.0.81:8300\"]");
        // the RPC port serves the replicated state only, not the server's own agent endpoints
        HttpResponse<String> agentOnRpc = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.81:8300/v1/agent/self")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(agentOnRpc.statusCode()).isEqualTo(404);
    }

    @Test
    void aKeyWrittenThroughTheClientIsOnTheServerAndReadBackThroughTheClient() throws Exception {
        assertThat(client.put("/v1/kv/forwarded/greeting?flags=7", "hello").body()).isEqualTo("true");

        assertThat(server.get("/v1/kv/forwarded/greeting?raw").body()).isEqualTo("hello");
        HttpResponse<String> read = client.get("/v1/kv/forwarded/greeting");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"Key\":\"forwarded/greeting\"", "\"Flags\":7", "\"Value\":\"aGVsbG8=\"");
        assertThat(read.headers().firstValue("X-Consul-Index")).isPresent();
        assertThat(read.headers().firstValue("X-Consul-KnownLeader")).contains("true");

        HttpResponse<String> missing = client.get("/v1/kv/forwarded/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Consul-Index")).isPresent();
    }

    @Test
    void aBlockingReadThroughTheClientParksUntilTheKeyChanges() throws Exception {
        client.put("/v1/kv/forwarded/watched", "v1");
        String index = client.get("/v1/kv/forwarded/watched").headers().firstValue("X-Consul-Index").orElseThrow();

        long start = System.nanoTime();
        HttpResponse<String> unchanged = client.get("/v1/kv/forwarded/watched?index=" + index + "&wait=2s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(unchanged.headers().firstValue("X-Consul-Index")).contains(index);

        CompletableFuture<HttpResponse<String>> watch = CompletableFuture.supplyAsync(() -> {
            try {
                return client.get("/v1/kv/forwarded/watched?raw&index=" + index + "&wait=8s");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the watch must be parked on the server before the write, or it would not prove the wake-up
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !watch.isDone());
        client.put("/v1/kv/forwarded/watched", "v2");
        HttpResponse<String> woken = watch.get(7, TimeUnit.SECONDS);
        assertThat(woken.body()).isEqualTo("v2");
        assertThat(woken.headers().firstValue("X-Consul-Index")).isNotEqualTo(java.util.Optional.of(index));
    }

    @Test
    void aServiceRegisteredInTheCatalogThroughTheClientIsInTheServersCatalog() throws Exception {
        HttpResponse<String> register = client.put("/v1/catalog/register",
                "{\"Node\":\"ext-db\",\"Address\":\"10.9.9.9\",\"Service\":{\"Service\":\"billing\",\"Port\":5432}}");
        assertThat(register.statusCode()).isEqualTo(200);

        assertThat(server.get("/v1/catalog/service/billing").body())
                .contains("\"Node\":\"ext-db\"", "\"ServicePort\":5432");
        assertThat(client.get("/v1/catalog/services").body()).contains("\"billing\"");
    }

    @Test
    void aRequestForADatacentreNoServerKnowsOfHasNoPath() throws Exception {
        HttpResponse<String> answer = client.get("/v1/catalog/nodes?dc=nowhere");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("No path to datacenter");
    }

    @Test
    void aServiceRegisteredOnTheClientAgentReachesTheCatalogThroughItsCatalogService() throws Exception {
        assertThat(client.put("/v1/agent/service/register", "{\"Name\":\"client-web\",\"Port\":8080}").statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(server.get("/v1/catalog/service/client-web").body()).contains("\"Node\":\"rpc-client\""));
    }
}
