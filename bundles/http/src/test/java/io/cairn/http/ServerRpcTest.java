package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.Ports;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.config.ConfigLoader;

class ServerRpcTest {

    @TempDir
    Path dataDir;

    private AgentConfig agent(String... flags) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-bind", "127.0.0.80", "-data-dir",
                Files.createDirectories(dataDir).toString()));
        args.addAll(List.of(flags));
        return ConfigLoader.fromArgs(args).config();
    }

    @Test
    void aServerListensOnItsBindAddressAtTheServerPortWithoutAPerClientLimit() throws Exception {
        HttpServerSettings settings = ServerRpc.settingsOf(agent("-server"), false).orElseThrow();
        assertThat(settings.hosts()).containsExactly("127.0.0.80");
        assertThat(settings.port()).isEqualTo(8300);
        assertThat(settings.servesHttps()).isFalse();
        assertThat(settings.maxConnsPerClient()).isZero();
    }

    @Test
    void withInternalRpcTlsTheSamePortSpeaksTlsOnly() throws Exception {
        HttpServerSettings settings = ServerRpc.settingsOf(agent("-server", "-server-port", "9300"), true)
                .orElseThrow();
        assertThat(settings.servesHttp()).isFalse();
        assertThat(settings.httpsPort()).isEqualTo(9300);
    }

    @Test
    void aClientAgentHasNoRpcListener() throws Exception {
        assertThat(ServerRpc.settingsOf(agent(), false)).isEmpty();
    }

    @Test
    void onlyTheReplicatedStateIsServedOnTheRpcPort() throws Exception {
        RouteRegistry routes = new RouteRegistry(ServerRpc::serves, UnaryOperator.identity());
        RouteProvider everything = () -> List.of(
                Route.get("/v1/kv/", request -> HttpResponse.json(List.of(request.suffix())).completed()),
                Route.get("/v1/status/leader", request -> HttpResponse.json("127.0.0.80:8300").completed()),
                Route.get("/v1/agent/self", request -> HttpResponse.json("agent").completed()));
        routes.add(everything);
        HttpServerSettings settings = new HttpServerSettings(List.of("127.0.0.80"), 0, Ports.DISABLED, 1024, 0);
        try (HttpServer server = new HttpServer(settings, routes, new QueryOptionsParser())) {
            server.start();
            String base = "http://127.0.0.80:" + server.ports().get(0);
            HttpClient client = HttpClient.newHttpClient();

            assertThat(client.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/v1/kv/a/b")).build(),
                    BodyHandlers.ofString()).body()).isEqualTo("[\"a/b\"]");
            assertThat(client.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/v1/status/leader"))
                    .build(), BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(client.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/v1/agent/self")).build(),
                    BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }
}
