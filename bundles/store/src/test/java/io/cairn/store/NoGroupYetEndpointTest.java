package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;

/** A server waiting for bootstrap_expect answers as Consul's does, never 404. */
class NoGroupYetEndpointTest {

    private final List<Route> routes = new NoGroupYetEndpoint().routes();

    private Route route(String path) {
        return routes.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    private HttpResponse answer(String path, String method) throws Exception {
        return route(path).handler().handle(FakeRequest.to(method, "")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void noLeaderAndNoPeersYet() throws Exception {
        assertThat(answer("/v1/status/leader", "GET").body()).isEqualTo("");
        assertThat(answer("/v1/status/peers", "GET").body()).isEqualTo(List.of());
    }

    @Test
    void theReplicatedStateAnswersNoClusterLeader() {
        for (String path : List.of("/v1/kv/", "/v1/catalog/", "/v1/health/", "/v1/session/", "/v1/txn", "/v1/snapshot")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                assertThat(route(path).methods()).contains(method);
                try {
                    answer(path, method);
                    throw new AssertionError(method + " " + path + " answered");
                } catch (Exception e) {
                    assertThat(e).isInstanceOf(ExecutionException.class).cause().isInstanceOf(HttpException.class)
                            .hasMessage("No cluster leader");
                    assertThat(((HttpException) e.getCause()).status()).isEqualTo(500);
                }
            }
        }
    }
}
