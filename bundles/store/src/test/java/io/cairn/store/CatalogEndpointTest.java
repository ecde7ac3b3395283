package io.cairn.store;

import static io.cairn.store.CatalogFixtures.instance;
import static io.cairn.store.CatalogFixtures.node;
import static io.cairn.store.CatalogFixtures.nodeCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

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
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.RouteHandler;

/** Consul's catalog and health endpoints over a catalog on a local log. */
class CatalogEndpointTest {

    private StoreState state;
    private CatalogEndpoint catalog;
    private HealthEndpoint health;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        ReplicatedCatalog replicated = new ReplicatedCatalog(state, new LocalReplication(state),
                new BlockingQuery(Runnable::run), "dc1");
        catalog = new CatalogEndpoint(replicated);
        health = new HealthEndpoint(replicated);
    }

    private static HttpResponse call(RouteHandler handler, FakeRequest request) throws Exception {
        try {
            return handler.handle(request).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static HttpException error(RouteHandler handler, FakeRequest request) {
        try {
            call(handler, request);
        } catch (HttpException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an HttpException, got " + e, e);
        }
        throw new AssertionError("expected an HttpException");
    }

    private HttpResponse register(Registration registration) throws Exception {
        return call(catalog::register, FakeRequest.to("PUT", "").bodyAs(registration));
    }

    @SuppressWarnings("unchecked")
    private static <T> T body(HttpResponse response) {
        return (T) response.body();
    }

    @Test
    void registerAnswersTrueAndTheServiceIsListedWithItsTags() throws Exception {
        assertThat(register(instance("n1", "web", "v1")).body()).isEqualTo(true);
        register(instance("n2", "web", "v2"));

        HttpResponse services = call(catalog::services, FakeRequest.to("GET", ""));
        assertThat(body(services).toString()).isEqualTo("{web=[v1, v2]}");
        assertThat(services.meta()).hasValueSatisfying(m -> assertThat(m.index()).isEqualTo(2));
    }

    @Test
    void badRegistrationsAre400WithConsulsMessage() {
        assertThat(error(catalog::register, FakeRequest.to("PUT", "").bodyAs(node("", "10.0.0.1"))))
                .hasMessage("Must provide node").extracting(HttpException::status).isEqualTo(400);
        assertThat(error(catalog::register, FakeRequest.to("PUT", "").bodyAs(node("n1", ""))))
                .hasMessage("Must provide address if SkipNodeUpdate is not set");
        assertThat(error(catalog::register, FakeRequest.to("PUT", "")
                .bodyAs(node("n1", "10.0.0.1").withService(Service.of("web-1", "", List.of(), 80)))))
                .hasMessage("Must provide service name with ID");
        assertThat(error(catalog::register, FakeRequest.to("PUT", "")
                .bodyAs(node("n1", "10.0.0.1").withChecks(List.of(CatalogFixtures.serviceCheck("nope", HealthStatus.PASSING))))))
                .hasMessage("Missing service registration").extracting(HttpException::status).isEqualTo(400);
        assertThat(error(catalog::register, FakeRequest.to("PUT", "")
                .bodyAs(new Registration("not-a-uuid", "n1", "10.0.0.1", "", Map.of(), Map.of(), Optional.empty(),
                        Optional.empty(), List.of(), false))))
                .hasMessage("Bad node ID: uuid string is wrong length");
        assertThat(error(catalog::register, FakeRequest.to("PUT", "")
                .bodyAs(node("n1", "10.0.0.1").withChecks(List.of(nodeCheck("m", HealthStatus.MAINTENANCE))))))
                .hasMessage("Status for checks must 'passing', 'warning', 'critical'");
        assertThat(error(catalog::deregister, FakeRequest.to("PUT", "").bodyAs(Deregistration.node(""))))
                .hasMessage("Must provide node");
    }

    @Test
    void nodesAndOneNodeWithItsServices() throws Exception {
        register(instance("n1", "web"));

        List<Node> nodes = body(call(catalog::nodes, FakeRequest.to("GET", "")));
        assertThat(nodes).extracting(Node::node).containsExactly("n1");
        NodeServices n1 = body(call(catalog::node, FakeRequest.to("GET", "n1")));
        assertThat(n1.services()).containsOnlyKeys("web-n1");

        HttpResponse unknown = call(catalog::node, FakeRequest.to("GET", "absent"));
        assertThat(unknown.status()).as("Consul answers null, not 404").isEqualTo(200);
        assertThat(unknown.body()).isEqualTo("null".getBytes());
        assertThat(unknown.contentType()).contains("application/json");
        assertThat(unknown.meta()).hasValueSatisfying(m -> assertThat(m.index()).isPositive());
    }

    @Test
    void serviceNodesFilterByEveryTagAndByExpression() throws Exception {
        register(instance("n1", "web", "v1", "primary"));
        register(instance("n2", "web", "v1"));

        List<CatalogService> both = body(call(catalog::service, FakeRequest.to("GET", "web")
                .param("tag", "v1").param("tag", "primary")));
        assertThat(both).extracting(CatalogService::node).containsExactly("n1");
        List<CatalogService> filtered = body(call(catalog::service, FakeRequest.to("GET", "web")
                .filter("Node != n1 and \"v1\" in ServiceTags")));
        assertThat(filtered).extracting(CatalogService::node).containsExactly("n2");
        assertThat(error(catalog::service, FakeRequest.to("GET", "web").filter("Nope == 1")))
                .hasMessage("Failed to create boolean expression evaluator: Selector \"Nope\" is not valid");
        assertThat(error(catalog::service, FakeRequest.to("GET", ""))).hasMessage("Missing service name");
    }

    @Test
    void healthServicePassingDropsAnyNonPassingCheck() throws Exception {
        register(instance("n1", "web"));
        register(instance("n2", "web"));
        register(node("n2", "10.0.0.2").withChecks(List.of(nodeCheck("serfHealth", HealthStatus.CRITICAL))));

        List<ServiceInstance> all = body(call(health::service, FakeRequest.to("GET", "web")));
        assertThat(all).hasSize(2);
        List<ServiceInstance> passing = body(call(health::service, FakeRequest.to("GET", "web").param("passing", "")));
        assertThat(passing).extracting(i -> i.node().node()).containsExactly("n1");
        List<ServiceInstance> springStyle = body(call(health::service, FakeRequest.to("GET", "web").param("passing", "false")));
        assertThat(springStyle).hasSize(2);
        assertThat(body(call(health::service, FakeRequest.to("GET", "absent"))).toString()).isEqualTo("[]");
    }

    @Test
    void checksByServiceNodeAndState() throws Exception {
        register(instance("n1", "web"));
        register(node("n1", "10.0.0.1").withChecks(List.of(nodeCheck("serfHealth", HealthStatus.WARNING))));

        List<HealthCheck> ofWeb = body(call(health::serviceChecks, FakeRequest.to("GET", "web")));
        assertThat(ofWeb).extracting(HealthCheck::checkId).containsExactly("service:web-n1");
        List<HealthCheck> ofNode = body(call(health::nodeChecks, FakeRequest.to("GET", "n1")));
        assertThat(ofNode).extracting(HealthCheck::checkId).containsExactly("serfHealth", "service:web-n1");
        List<HealthCheck> warning = body(call(health::state, FakeRequest.to("GET", "warning")));
        assertThat(warning).extracting(HealthCheck::checkId).containsExactly("serfHealth");
        List<HealthCheck> any = body(call(health::state, FakeRequest.to("GET", "any")));
        assertThat(any).hasSize(2);
        assertThat(error(health::state, FakeRequest.to("GET", "bogus")).status()).isEqualTo(400);
        assertThat(error(health::state, FakeRequest.to("GET", ""))).hasMessage("Missing check state");
    }

    @Test
    void deregisterAnswersTrueAndRemovesTheNode() throws Exception {
        register(instance("n1", "web"));
        assertThat(call(catalog::deregister, FakeRequest.to("PUT", "").bodyAs(Deregistration.node("n1"))).body())
                .isEqualTo(true);
        assertThat(body(call(catalog::nodes, FakeRequest.to("GET", ""))).toString()).isEqualTo("[]");
    }

    @Test
    void aBlockingHealthReadWakesOnlyWhenItsServiceChanges() throws Exception {
        register(instance("n1", "web"));
        long index = call(health::service, FakeRequest.to("GET", "web")).meta().orElseThrow().index();

        CompletableFuture<HttpResponse> blocked = health.service(FakeRequest.to("GET", "web")
                .block(index, Duration.ofMinutes(1))).toCompletableFuture();
        register(instance("n2", "db"));
        register(instance("n3", "db"));
        assertThat(blocked).as("db churn does not wake a web watcher").isNotDone();

        register(instance("n2", "web"));
        await().atMost(Duration.ofSeconds(5)).until(blocked::isDone);
        HttpResponse woken = blocked.get();
        assertThat(woken.meta().orElseThrow().index()).isGreaterThan(index);
        assertThat(body(woken).toString()).contains("n2");
    }

    @Test
    void datacentersIsThisOne() throws Exception {
        RouteHandler datacenters = catalog.routes().stream().filter(r -> r.path().equals("/v1/catalog/datacenters"))
                .findFirst().orElseThrow().handler();
        assertThat(call(datacenters, FakeRequest.to("GET", "")).body()).isEqualTo(List.of("dc1"));
    }
}
