package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.Weights;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.Membership;
import io.cairn.api.membership.UserEvent;
import io.cairn.api.membership.UserEventListener;
import io.cairn.http.JsonCodec;

/** Events fired on one agent and listed on another, over a fake pool that delivers to every member at once. */
class UserEventsTest {

    /** Every member's listeners, as the LAN pool reaches them. */
    static final class FakePool implements Membership {
        final List<UserEventListener> listeners = new CopyOnWriteArrayList<>();
        final AtomicLong clock = new AtomicLong();

        @Override
        public UserEvent fireEvent(String name, byte[] payload, String node, String service, String tag) {
            UserEvent e = new UserEvent(UUID.randomUUID().toString(), name, payload, node, service, tag, 1,
                    clock.getAndIncrement());
            listeners.forEach(l -> l.received(e));
            return e;
        }

        @Override
        public void addEventListener(UserEventListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeEventListener(UserEventListener listener) {
            listeners.remove(listener);
        }

        @Override
        public List<Member> members(boolean wan) {
            return List.of();
        }

        @Override
        public boolean entered() {
            return true;
        }

        @Override
        public int join(List<String> addresses, boolean wan) {
            return 0;
        }

        @Override
        public void leave() {
        }

        @Override
        public boolean forceLeave(String node, boolean prune, boolean wan) {
            return false;
        }

        @Override
        public void addListener(MemberListener listener) {
        }

        @Override
        public void removeListener(MemberListener listener) {
        }
    }

    /** One agent: its local state, kept events and routes. */
    record Agent(LocalState state, UserEvents events, EventRoutes routes) {
        static Agent on(FakePool pool, String node) {
            LocalState state = new LocalState();
            UserEvents events = new UserEvents(state, () -> node);
            pool.addEventListener(events::received);
            return new Agent(state, events, new EventRoutes(events, () -> Optional.of(pool)));
        }

        void service(String name, String... tags) {
            state.addService(new Service(Optional.empty(), name, name, List.of(tags), "", Map.of(), Map.of(), 80,
                    Weights.DEFAULT, false, 0, 0), LocalState.Source.REMOTE);
        }

        HttpResponse call(String method, String path, Map<String, String> params, long index, Duration maxWait,
                          String body) throws Exception {
            return start(method, path, params, index, maxWait, body).get(5, TimeUnit.SECONDS);
        }

        CompletableFuture<HttpResponse> start(String method, String path, Map<String, String> params, long index,
                                              Duration wait, String body) throws Exception {
            String prefix = path.startsWith("/v1/event/fire/") ? "/v1/event/fire/" : path;
            var route = routes.routes().stream().filter(r -> r.path().equals(prefix)).findFirst().orElseThrow();
            return route.handler().handle(new Request(method, path.substring(route.isPrefix() ? prefix.length()
                    : path.length()), params, index, wait, body)).toCompletableFuture();
        }
    }

    final FakePool pool = new FakePool();
    final Agent client = Agent.on(pool, "client-1");
    final Agent server = Agent.on(pool, "server-1");
    final ObjectMapper mapper = new ObjectMapper();
    final JsonCodec codec = new JsonCodec();

    JsonNode json(HttpResponse r) throws Exception {
        return mapper.readTree(codec.write(r.body()));
    }

    @Test
    void anEventFiredOnOneAgentIsListedOnAnotherInConsulsShape() throws Exception {
        HttpResponse fired = client.call("PUT", "/v1/event/fire/deploy", Map.of(), 0, Duration.ZERO, "v1.2");
        JsonNode event = json(fired);
        assertThat(event.get("Name").asText()).isEqualTo("deploy");
        assertThat(event.get("Payload").asText()).isEqualTo("djEuMg==");
        assertThat(event.get("Version").asInt()).isEqualTo(1);
        assertThat(event.has("LTime")).isTrue();
        assertThat(event.get("NodeFilter").asText()).isEmpty();

        HttpResponse listed = server.call("GET", "/v1/event/list", Map.of(), 0, Duration.ZERO, null);
        JsonNode list = json(listed);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("ID").asText()).isEqualTo(event.get("ID").asText());
        assertThat(listed.meta().orElseThrow().index()).isEqualTo(UserEvents.index(event.get("ID").asText()));

        client.call("PUT", "/v1/event/fire/empty", Map.of(), 0, Duration.ZERO, "");
        JsonNode both = json(server.call("GET", "/v1/event/list", Map.of(), 0, Duration.ZERO, null));
        assertThat(both).extracting(n -> n.get("Name").asText()).containsExactly("deploy", "empty");
        assertThat(both.get(1).get("Payload").isNull()).isTrue();
        assertThat(json(server.call("GET", "/v1/event/list", Map.of("name", "empty"), 0, Duration.ZERO, null)))
                .hasSize(1);
    }

    @Test
    void nodeServiceAndTagFiltersDecideWhoKeepsTheEvent() throws Exception {
        server.service("web", "blue");
        client.service("web", "green");

        client.call("PUT", "/v1/event/fire/a", Map.of("node", "^server"), 0, Duration.ZERO, "");
        client.call("PUT", "/v1/event/fire/b", Map.of("service", "we", "tag", "blu"), 0, Duration.ZERO, "");
        client.call("PUT", "/v1/event/fire/c", Map.of("service", "db"), 0, Duration.ZERO, "");

        assertThat(server.events().list("").events()).extracting(UserEvent::name).containsExactly("a", "b");
        assertThat(client.events().list("").events()).isEmpty();
        assertThat(server.events().list("nothing").index()).isEqualTo(1);
    }

    @Test
    void badFiltersAreRefused() {
        assertThatThrownBy(() -> client.call("PUT", "/v1/event/fire/x", Map.of("tag", "t"), 0, Duration.ZERO, ""))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> client.call("PUT", "/v1/event/fire/x", Map.of("node", "("), 0, Duration.ZERO, ""))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(pool.clock.get()).isZero();
    }

    @Test
    void onlyTheLast256AreKept() throws Exception {
        for (int i = 0; i < 300; i++) {
            pool.fireEvent("e" + i, null, "", "", "");
        }
        List<UserEvent> kept = server.events().list("").events();
        assertThat(kept).hasSize(UserEvents.CAPACITY);
        assertThat(kept.get(0).name()).isEqualTo("e44");
        assertThat(kept.get(255).name()).isEqualTo("e299");
    }

    @Test
    void aListAtTheCurrentIndexBlocksUntilTheNextEvent() throws Exception {
        client.call("PUT", "/v1/event/fire/first", Map.of(), 0, Duration.ZERO, "");
        long index = server.call("GET", "/v1/event/list", Map.of(), 0, Duration.ZERO, null).meta().orElseThrow().index();

        CompletableFuture<HttpResponse> blocked = server.start("GET", "/v1/event/list", Map.of(), index,
                Duration.ofSeconds(30), null);
        assertThat(blocked).isNotDone();
        assertThat(server.call("GET", "/v1/event/list", Map.of(), index + 1, Duration.ofSeconds(30), null)
                .meta().orElseThrow().index()).isEqualTo(index);

        client.call("PUT", "/v1/event/fire/second", Map.of(), 0, Duration.ZERO, "");
        HttpResponse woken = blocked.get(5, TimeUnit.SECONDS);
        assertThat(json(woken)).hasSize(2);
        assertThat(woken.meta().orElseThrow().index()).isNotEqualTo(index);

        long started = System.nanoTime();
        HttpResponse timedOut = server.call("GET", "/v1/event/list", Map.of(), woken.meta().orElseThrow().index(),
                Duration.ofMillis(200), null);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(json(timedOut)).hasSize(2);
    }

    @Test
    void theIndexIsConsulsUuidFold() {
        assertThat(Long.toUnsignedString(UserEvents.index("00000000-0000-0001-0000-000000000003")))
                .isEqualTo("2");
        assertThat(Long.toHexString(UserEvents.index("ffffffff-ffff-ffff-0000-000000000000")))
                .isEqualTo("ffffffffffffffff");
    }

    /** Just what the event routes read. */
    private record Request(String method, String suffix, Map<String, String> params, long index, Duration maxWait,
                           String text) implements HttpRequest {
        @Override
        public String path() {
            return "";
        }

        @Override
        public QueryOptions options() {
            return new QueryOptions(Optional.empty(), Optional.empty(), Consistency.DEFAULT, index, maxWait,
                    Optional.empty(), Optional.empty(), Map.of());
        }

        @Override
        public Optional<String> param(String name) {
            return Optional.ofNullable(params.get(name));
        }

        @Override
        public List<String> params(String name) {
            return param(name).stream().toList();
        }

        @Override
        public boolean flag(String name) {
            return params.containsKey(name);
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.empty();
        }

        @Override
        public byte[] body() {
            return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public <T> T bodyAs(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }
    }
}
