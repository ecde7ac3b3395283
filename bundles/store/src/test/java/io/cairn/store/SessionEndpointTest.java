package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;

/** The session endpoints as a client sees them: Consul's defaults, shapes and messages. */
class SessionEndpointTest {

    private Map<String, Route> routes;

    @BeforeEach
    void setUp() {
        StoreState state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        ReplicatedSessionStore sessions = new ReplicatedSessionStore(state, new LocalReplication(state),
                new BlockingQuery(Runnable::run));
        routes = new java.util.HashMap<>();
        new SessionEndpoint(sessions, "agent-node", Duration.ofSeconds(10)).routes()
                .forEach(r -> routes.put(r.path(), r));
    }

    private HttpResponse call(String route, FakeRequest request) throws Exception {
        try {
            return routes.get(route).handler().handle(request).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private HttpException error(String route, FakeRequest request) throws Exception {
        try {
            call(route, request);
        } catch (HttpException e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }

    private String create(Map<String, Object> body) throws Exception {
        FakeRequest request = FakeRequest.to("PUT", "");
        if (body != null) {
            request.body(new byte[] {'{'}).bodyAs(body);
        }
        return ((SessionEndpoint.Created) call("/v1/session/create", request).body()).id();
    }

    @SuppressWarnings("unchecked")
    private List<SessionEndpoint.SessionJson> info(String id) throws Exception {
        return (List<SessionEndpoint.SessionJson>) call("/v1/session/info/", FakeRequest.to("GET", id)).body();
    }

    @Test
    void anEmptyBodyGetsConsulsDefaults() throws Exception {
        String id = create(null);
        SessionEndpoint.SessionJson s = info(id).get(0);
        assertThat(s.node()).isEqualTo("agent-node");
        assertThat(s.lockDelay()).isEqualTo(15_000_000_000L);
        assertThat(s.behavior()).isEqualTo("release");
        assertThat(s.ttl()).isEmpty();
        assertThat(s.nodeChecks()).containsExactly("serfHealth");
        assertThat(s.serviceChecks()).isNull();
    }

    @Test
    void theBodyIsReadAsConsulReadsIt() throws Exception {
        String id = create(Map.of("name", "lock", "lockdelay", 5, "Behavior", "delete", "TTL", "30s",
                "checks", List.of(), "ServiceChecks", List.of(Map.of("ID", "web"))));
        SessionEndpoint.SessionJson s = info(id).get(0);
        assertThat(s.name()).isEqualTo("lock");
        assertThat(s.lockDelay()).as("a small number means seconds").isEqualTo(5_000_000_000L);
        assertThat(s.behavior()).isEqualTo("delete");
        assertThat(s.ttl()).isEqualTo("30s");
        assertThat(s.nodeChecks()).as("an explicit [] drops serfHealth").isNull();
        assertThat(s.serviceChecks()).extracting(c -> c.id()).containsExactly("web");
        assertThat(info(create(Map.of("LockDelay", "1m30s"))).get(0).lockDelay()).isEqualTo(90_000_000_000L);
    }

    @Test
    void badTtlsAndBehaviorsAnswerConsulsErrors() throws Exception {
        HttpException tooShort = error("/v1/session/create",
                FakeRequest.to("PUT", "").body(new byte[] {'{'}).bodyAs(Map.of("TTL", "5s")));
        assertThat(tooShort.status()).isEqualTo(500);
        assertThat(tooShort.getMessage()).isEqualTo("Invalid Session TTL '5000000000', must be between [10s=24h0m0s]");
        HttpException garbage = error("/v1/session/create",
                FakeRequest.to("PUT", "").body(new byte[] {'{'}).bodyAs(Map.of("TTL", "soon")));
        assertThat(garbage.getMessage()).isEqualTo("Session TTL 'soon' invalid: time: invalid duration \"soon\"");
        HttpException behavior = error("/v1/session/create",
                FakeRequest.to("PUT", "").body(new byte[] {'{'}).bodyAs(Map.of("Behavior", "explode")));
        assertThat(behavior.getMessage()).isEqualTo("Invalid Behavior setting 'explode'");
    }

    @Test
    void renewDestroyInfoListAndNode() throws Exception {
        String id = create(Map.of("TTL", "10s"));
        HttpResponse renewed = call("/v1/session/renew/", FakeRequest.to("PUT", id));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat((List<?>) renewed.body()).hasSize(1);

        HttpResponse missing = call("/v1/session/renew/", FakeRequest.to("PUT", "nope"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("Session id 'nope' not found");

        assertThat((List<?>) call("/v1/session/list", FakeRequest.to("GET", "")).body()).hasSize(1);
        assertThat((List<?>) call("/v1/session/node/", FakeRequest.to("GET", "agent-node")).body()).hasSize(1);
        assertThat(call("/v1/session/destroy/", FakeRequest.to("PUT", id)).body()).isEqualTo(true);
        assertThat(info(id)).as("an unknown session is []").isEmpty();
        assertThat(call("/v1/session/info/", FakeRequest.to("GET", id)).meta()).isPresent();
        assertThat(error("/v1/session/destroy/", FakeRequest.to("PUT", "")).getMessage()).isEqualTo("Missing session");
    }
}
