package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteHandler;

class RouteTableTest {

    private static final RouteHandler OK = request -> HttpResponse.ok().completed();

    private final Route leader = Route.get("/v1/status/leader", OK);
    private final Route kv = new Route("/v1/kv/", Set.of("GET", "PUT", "DELETE"), OK);
    private final Route deregister = Route.put("/v1/agent/service/deregister/", OK);
    private final Route agent = Route.get("/v1/agent/", OK);
    private final RouteTable table = RouteTable.of(List.of(leader, kv, deregister, agent), (a, b) -> { });

    @Test
    void exactPathMatchesOnlyItself() {
        assertThat(table.find("GET", "/v1/status/leader")).isEqualTo(new RouteTable.Found(leader, ""));
        assertThat(table.find("GET", "/v1/status/leader/x")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.find("GET", "/v1/status")).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void prefixPathHandsOverTheRawRemainder() {
        assertThat(table.find("PUT", "/v1/kv/a/b")).isEqualTo(new RouteTable.Found(kv, "a/b"));
        assertThat(table.find("GET", "/v1/kv/")).isEqualTo(new RouteTable.Found(kv, ""));
        assertThat(table.find("PUT", "/v1/agent/service/deregister/scope%2Fname"))
                .isEqualTo(new RouteTable.Found(deregister, "scope%2Fname"));
    }

    @Test
    void longestPrefixWins() {
        assertThat(table.find("PUT", "/v1/agent/service/deregister/web"))
                .isEqualTo(new RouteTable.Found(deregister, "web"));
        assertThat(table.find("GET", "/v1/agent/service/web"))
                .isEqualTo(new RouteTable.Found(agent, "service/web"));
    }

    @Test
    void wrongMethodOnAServedPathIsNotAllowed() {
        assertThat(table.find("POST", "/v1/status/leader")).isEqualTo(new RouteTable.MethodNotAllowed(leader));
        // the longest prefix decides, even when a shorter one would allow the method
        assertThat(table.find("GET", "/v1/agent/service/deregister/web"))
                .isEqualTo(new RouteTable.MethodNotAllowed(deregister));
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(table.find("GET", "/v1/nope")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.find("GET", "")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(RouteTable.EMPTY.find("GET", "/v1/kv/a")).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void firstClaimOfAPathIsKept() {
        Route second = Route.put("/v1/status/leader", OK);
        List<Route> dropped = new ArrayList<>();
        RouteTable both = RouteTable.of(List.of(leader, second), (drop, kept) -> dropped.add(drop));

        assertThat(both.find("GET", "/v1/status/leader")).isEqualTo(new RouteTable.Found(leader, ""));
        assertThat(dropped).containsExactly(second);
        assertThat(both.size()).isEqualTo(1);
    }

    @Test
    void registryFollowsProvidersComingAndGoing() {
        RouteRegistry registry = new RouteRegistry();
        io.cairn.api.http.RouteProvider status = () -> List.of(leader);
        io.cairn.api.http.RouteProvider store = () -> List.of(kv);
        io.cairn.api.http.RouteProvider rival = () -> List.of(Route.put("/v1/status/leader", OK));

        registry.add(status);
        registry.add(store);
        registry.add(rival);
        assertThat(registry.table().find("GET", "/v1/status/leader")).isInstanceOf(RouteTable.Found.class);
        assertThat(registry.table().find("GET", "/v1/kv/x")).isInstanceOf(RouteTable.Found.class);

        registry.remove(status);
        assertThat(registry.table().find("PUT", "/v1/status/leader")).isInstanceOf(RouteTable.Found.class);
        registry.remove(store);
        assertThat(registry.table().find("GET", "/v1/kv/x")).isInstanceOf(RouteTable.NotFound.class);
    }
}
