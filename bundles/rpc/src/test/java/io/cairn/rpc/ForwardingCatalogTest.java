package io.cairn.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.CatalogService;
import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.consensus.QueryResult;
import io.cairn.api.consensus.StoreException;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.http.JsonCodec;

/**
 * The client agent's Catalog against a fake server that reads and writes JSON with the
 * servers' own codec (the HTTP bundle's), so both directions of the wire are checked.
 */
class ForwardingCatalogTest {

    private static final JsonCodec SERVER_JSON = new JsonCodec();
    private static final Node NODE = new Node("0b7e5c1e-0000-4000-8000-000000000001", "client-1", "10.0.0.5", "dc1",
            Map.of("lan", "10.0.0.5"), Map.of("env", "prod"), 3, 4);
    private static final Service WEB = Service.of("web-1", "web", List.of("v1"), 8080).withIndexes(5, 6);
    private static final HealthCheck WEB_CHECK = new HealthCheck("client-1", "service:web-1", "web alive",
            HealthStatus.WARNING, "", "slow", "web-1", "web", List.of("v1"), "http",
            io.cairn.api.catalog.HealthCheckDefinition.NONE, 7, 8);

    private final RpcClient client = new RpcClient();
    private FakeServer server;
    private ForwardingCatalog catalog;

    @BeforeEach
    void start() throws Exception {
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        client.close();
    }

    private void serve(Function<FakeServer.Received, FakeServer.Answer> answers) throws Exception {
        server = new FakeServer(request -> CompletableFuture.completedFuture(
                request.target().equals("/v1/status/leader")
                        ? FakeServer.Answer.json("\"\"", Map.of())
                        : answers.apply(request)));
        catalog = new ForwardingCatalog(new Forwarder(new ServerSelector(() -> List.of(server.address()), new Random()),
                client));
    }

    private static FakeServer.Answer json(Object value, String index) {
        try {
            return new FakeServer.Answer(200, Map.of("Content-Type", "application/json", "X-Consul-Index", index,
                    "X-Consul-KnownLeader", "true", "X-Consul-LastContact", "12",
                    "X-Consul-Effective-Consistency", "stale"), SERVER_JSON.write(value));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private FakeServer.Received request(String pathPrefix) {
        return server.received.stream().filter(r -> r.target().startsWith(pathPrefix)).findFirst().orElseThrow();
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aRegistrationReachesTheServerAsTheServerReadsIt() throws Exception {
        serve(request -> json(true, "17"));
        Registration registration = Registration.node(NODE.withIndexes(0, 0), List.of(WEB_CHECK.withIndexes(0, 0)))
                .withService(WEB.withIndexes(0, 0));

        long index = await(catalog.register(registration));

        FakeServer.Received put = request("/v1/catalog/register");
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(SERVER_JSON.read(put.body(), Registration.class)).isEqualTo(registration);
        assertThat(index).isEqualTo(17);
    }

    @Test
    void aDeregistrationReachesTheServerAsTheServerReadsIt() throws Exception {
        serve(request -> json(true, "18"));
        await(catalog.deregister(Deregistration.service("client-1", "web-1")));
        assertThat(SERVER_JSON.read(request("/v1/catalog/deregister").body(), Deregistration.class))
                .isEqualTo(Deregistration.service("client-1", "web-1"));
    }

    @Test
    void aServerRefusalIsTheStoresBadRequest() throws Exception {
        serve(request -> new FakeServer.Answer(400, Map.of(), "Must provide node".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> await(catalog.register(Registration.node(NODE, List.of()))))
                .cause().isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StoreException.Reason.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("Must provide node");
                });
    }

    @Test
    void readsComeBackAsTheRecordsTheServerWroteWithTheirMeta() throws Exception {
        ServiceInstance instance = new ServiceInstance(NODE, WEB, List.of(WEB_CHECK));
        serve(request -> {
            String path = request.target();
            if (path.startsWith("/v1/catalog/nodes")) {
                return json(List.of(NODE), "21");
            } else if (path.startsWith("/v1/catalog/services")) {
                return json(Map.of("web", List.of("v1")), "22");
            } else if (path.startsWith("/v1/catalog/service/web")) {
                return json(List.of(CatalogService.of(NODE, WEB)), "23");
            } else if (path.startsWith("/v1/health/service/web")) {
                return json(List.of(instance), "24");
            } else if (path.startsWith("/v1/catalog/node/client-1")) {
                return json(new NodeServices(NODE, Map.of("web-1", WEB)), "25");
            } else if (path.startsWith("/v1/catalog/node/")) {
                return new FakeServer.Answer(200, Map.of("X-Consul-Index", "26"),
                        "null".getBytes(StandardCharsets.UTF_8));
            }
            return json(List.of(WEB_CHECK), "27");
        });
        QueryOptions stale = new QueryOptions(Optional.empty(), Optional.of("tok"), Consistency.STALE, 0,
                Duration.ofMinutes(5), Optional.empty(), Optional.empty(), Map.of());

        QueryResult<List<Node>> nodes = await(catalog.nodes(stale));
        assertThat(nodes.value()).containsExactly(NODE);
        assertThat(nodes.meta().index()).isEqualTo(21);
        assertThat(nodes.meta().knownLeader()).isTrue();
        assertThat(nodes.meta().lastContactMs()).isEqualTo(12);
        assertThat(nodes.meta().consistency()).isEqualTo(Consistency.STALE);
        assertThat(request("/v1/catalog/nodes").target()).isEqualTo("/v1/catalog/nodes?stale");
        assertThat(request("/v1/catalog/nodes").header("X-Consul-Token")).isEqualTo("tok");

        assertThat(await(catalog.services(stale)).value()).containsExactly(Map.entry("web", List.of("v1")));
        assertThat(await(catalog.serviceNodes("web", List.of("v1"), stale)).value())
                .containsExactly(CatalogService.of(NODE, WEB));
        assertThat(await(catalog.healthService("web", List.of(), true, stale)).value()).containsExactly(instance);
        assertThat(request("/v1/health/service/web").target()).isEqualTo("/v1/health/service/web?passing=true&stale");
        assertThat(await(catalog.node("client-1", stale)).value())
                .contains(new NodeServices(NODE, Map.of("web-1", WEB)));
        assertThat(await(catalog.node("nobody", stale)).value()).isEmpty();
        assertThat(await(catalog.checksInState(Optional.of(HealthStatus.WARNING), stale)).value())
                .containsExactly(WEB_CHECK);
        assertThat(request("/v1/health/state/").target()).startsWith("/v1/health/state/warning");
    }

    @Test
    void aBlockingReadPassesItsIndexAndWait() throws Exception {
        serve(request -> json(Map.of(), "40"));
        QueryOptions blocking = new QueryOptions(Optional.of("dc1"), Optional.empty(), Consistency.DEFAULT, 39,
                Duration.ofSeconds(30), Optional.of("Service == \"web\""), Optional.empty(), Map.of("env", "prod"));

        await(catalog.services(blocking));

        assertThat(request("/v1/catalog/services").target()).isEqualTo(
                "/v1/catalog/services?dc=dc1&index=39&wait=30000ms&filter=Service+%3D%3D+%22web%22&node-meta=env%3Aprod");
    }

    @Test
    void theDatacentersAreAskedOfAServer() throws Exception {
        serve(request -> json(List.of("dc1", "dc2"), "1"));
        assertThat(catalog.datacenters()).containsExactly("dc1", "dc2");
    }
}
