package io.cairn.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;

class PluginRoutesTest {

    @TempDir
    Path folder;

    private final FakeHost host = new FakeHost();
    private final Map<String, byte[]> repository = new java.util.HashMap<>();
    private final List<Route> routes = new PluginRoutes(new Plugins(host, folder), source -> {
        byte[] jar = repository.get(source);
        if (jar == null) {
            throw new IOException("not found in any repository");
        }
        return jar;
    }).routes();

    private HttpResponse call(String path, String suffix, Map<String, String> params, byte[] body, String from)
            throws Exception {
        HttpRequest request = (HttpRequest) Proxy.newProxyInstance(HttpRequest.class.getClassLoader(),
                new Class<?>[] {HttpRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "param" -> Optional.ofNullable(params.get((String) args[0]));
                    case "body" -> body;
                    case "suffix" -> suffix;
                    case "remoteAddress" -> from;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Route route = routes.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
        return route.handler().handle(request).toCompletableFuture().get();
    }

    @Test
    void anUploadedJarIsInstalledAndListed() throws Exception {
        HttpResponse installed = call("/v1/agent/plugins/install", "", Map.of(), Jars.bundle("file-check"), "127.0.0.1");
        assertThat(((Plugin) installed.body()).name()).isEqualTo("file-check");
        assertThat((List<?>) call("/v1/agent/plugins", "", Map.of(), new byte[0], "10.0.0.9").body()).hasSize(1);
    }

    @Test
    void aMavenSourceIsFetchedByTheAgent() throws Exception {
        repository.put("mvn:com.example/file-check/1.0", Jars.bundle("file-check"));
        HttpResponse installed = call("/v1/agent/plugins/install", "",
                Map.of("source", "mvn:com.example/file-check/1.0"), new byte[0], "::1");
        assertThat(((Plugin) installed.body()).source()).isEqualTo("mvn:com.example/file-check/1.0");
        assertThatThrownBy(() -> call("/v1/agent/plugins/install", "", Map.of("source", "mvn:x/y/1"), new byte[0],
                "127.0.0.1")).isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Could not fetch mvn:x/y/1: not found in any repository");
                });
    }

    @Test
    void installingAndRemovingAreRefusedFromAnotherHost() {
        assertThatThrownBy(() -> call("/v1/agent/plugins/install", "", Map.of(), Jars.bundle("x"), "10.0.0.9"))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> call("/v1/agent/plugins/remove/", "x", Map.of(), new byte[0], "10.0.0.9"))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(host.installed).isEmpty();
    }

    @Test
    void removingAnUnknownPluginIs404AndBadJarsAre400() throws Exception {
        assertThatThrownBy(() -> call("/v1/agent/plugins/remove/", "nope", Map.of(), new byte[0], "127.0.0.1"))
                .isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("Unknown plugin \"nope\"");
                });
        assertThatThrownBy(() -> call("/v1/agent/plugins/install", "", Map.of(), Jars.plainJar(), "127.0.0.1"))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
        call("/v1/agent/plugins/install", "", Map.of(), Jars.bundle("file-check"), "127.0.0.1");
        assertThat(((Plugin) call("/v1/agent/plugins/remove/", "file-check", Map.of(), new byte[0], "127.0.0.1").body())
                .name()).isEqualTo("file-check");
    }
}
