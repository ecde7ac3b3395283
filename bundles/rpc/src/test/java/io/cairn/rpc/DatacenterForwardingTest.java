package io.cairn.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;

class DatacenterForwardingTest {

    private final RpcClient client = new RpcClient();

    @BeforeEach
    void start() throws Exception {
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
    }

    @Test
    void aRequestForAnotherDatacentreIsAnsweredByOneOfItsServers() throws Exception {
        try (FakeServer dc2 = FakeServer.answering(FakeServer.Answer.json("[\"dc2-node\"]",
                Map.of("X-Consul-Index", "77")))) {
            DatacenterForwarding wan = new DatacenterForwarding(
                    dc -> dc.equals("dc2") ? List.of(dc2.address()) : List.of(), client, new Random());

            HttpResponse answer = wan.forward("dc2", new ClientRequest("GET", "/v1/catalog/nodes", "dc=dc2", Map.of(),
                    new byte[0], ClientRequest.options(0, Duration.ofMinutes(5)))).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);

            assertThat(answer.headers()).containsEntry("X-Consul-Index", "77");
            assertThat(dc2.received).anyMatch(r -> r.target().equals("/v1/catalog/nodes?dc=dc2"));
        }
    }

    @Test
    void aDatacentreWithNoKnownServerHasNoPath() {
        DatacenterForwarding wan = new DatacenterForwarding(dc -> List.of(), client, new Random());
        assertThatThrownBy(() -> wan.forward("dc9", ClientRequest.get("/v1/kv/k", "dc=dc9")).toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(HttpException.class)
                .hasMessage("No path to datacenter");
    }

    @Test
    void theWanPoolGivesEachDatacentresAliveServersAtTheirServerPort() {
        List<Member> wan = List.of(
                new Member("s1.dc2", "10.2.0.1", 8302, Map.of("role", "consul", "dc", "dc2", "port", "8300"),
                        MemberStatus.ALIVE),
                new Member("s2.dc2", "10.2.0.2", 8302, Map.of("role", "consul", "dc", "dc2", "port", "9300"),
                        MemberStatus.FAILED),
                new Member("s1.dc3", "10.3.0.1", 8302, Map.of("role", "consul", "dc", "dc3", "port", "8300"),
                        MemberStatus.ALIVE));
        assertThat(WanServers.of(wan, "dc2")).containsExactly("10.2.0.1:8300");
        assertThat(WanServers.of(wan, "dc4")).isEmpty();
    }
}
