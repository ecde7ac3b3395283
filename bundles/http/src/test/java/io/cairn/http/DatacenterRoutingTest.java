package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.DatacenterForwarder;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.http.Route;
import io.cairn.config.ConfigLoader;

class DatacenterRoutingTest {

    @TempDir
    Path dataDir;

    private final List<String> forwardedTo = new CopyOnWriteArrayList<>();
    private final DatacenterForwarder wan = (dc, request) -> {
        forwardedTo.add(dc);
        return HttpResponse.json("from " + dc).completed();
    };
    private final Route kv = Route.get("/v1/kv/", request -> HttpResponse.json("local").completed());

    private AgentConfig agent(String... flags) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-datacenter", "dc1", "-bind", "127.0.0.80",
                "-data-dir", dataDir.toString()));
        args.addAll(List.of(flags));
        return ConfigLoader.fromArgs(args).config();
    }

    private static RouteRequest inDatacenter(String dc) {
        QueryOptions options = new QueryOptions(Optional.ofNullable(dc), Optional.empty(), Consistency.DEFAULT, 0,
                Duration.ofMinutes(5), Optional.empty(), Optional.empty(), Map.of());
        return new RouteRequest("GET", "/v1/kv/k", "k", dc == null ? "" : "dc=" + dc, QueryParameters.NONE, options,
                name -> null, new byte[0], new JsonCodec(), "127.0.0.1");
    }

    private Object answer(Route route, RouteRequest request) throws Exception {
        return route.handler().handle(request).toCompletableFuture().get().body();
    }

    @Test
    void aServerSendsAnotherDatacentersRequestThereAndAnswersItsOwn() throws Exception {
        AgentConfig server = agent("-server");
        Route routed = new DatacenterRouting(() -> server, () -> Optional.of(wan)).adapt(kv);

        assertThat(answer(routed, inDatacenter("dc2"))).isEqualTo("from dc2");
        assertThat(answer(routed, inDatacenter("dc1"))).isEqualTo("local");
        assertThat(answer(routed, inDatacenter(null))).isEqualTo("local");
        assertThat(forwardedTo).containsExactly("dc2");
    }

    @Test
    void withoutAWayToOtherDatacentersTheAnswerIsConsulsNoPath() throws Exception {
        AgentConfig server = agent("-server");
        Route routed = new DatacenterRouting(() -> server, Optional::empty).adapt(kv);

        assertThatThrownBy(() -> routed.handler().handle(inDatacenter("dc2")))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessage("No path to datacenter");
    }

    @Test
    void aClientAgentAndTheAgentsOwnRoutesAreLeftAlone() throws Exception {
        AgentConfig client = agent();
        assertThat(answer(new DatacenterRouting(() -> client, () -> Optional.of(wan)).adapt(kv), inDatacenter("dc2")))
                .isEqualTo("local");
        Route self = Route.get("/v1/agent/self", request -> HttpResponse.json("self").completed());
        assertThat(new DatacenterRouting(() -> client, () -> Optional.of(wan)).adapt(self)).isSameAs(self);
        assertThat(forwardedTo).isEmpty();
    }
}
