package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.AgentConfig;
import io.cairn.config.ConfigLoader;

/** The HTTP API listener's settings come from the agent's configuration, its per-client limit included. */
class HttpServerSettingsTest {

    @TempDir
    Path dir;

    private AgentConfig agent(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("-client", "127.0.0.81 127.0.0.82", "-data-dir",
                Files.createDirectories(dir.resolve("data")).toString()));
        args.addAll(List.of(flags));
        return ConfigLoader.fromArgs(args).config();
    }

    @Test
    void theApiListenerHasConsulsDefaultPerClientLimit() throws Exception {
        HttpServerSettings settings = HttpServerSettings.apiOf(agent(), -1);
        assertThat(settings.hosts()).containsExactly("127.0.0.81", "127.0.0.82");
        assertThat(settings.port()).isEqualTo(8500);
        assertThat(settings.maxConnsPerClient()).isEqualTo(200);
    }

    @Test
    void limitsHttpMaxConnsPerClientIsApplied() throws Exception {
        Path file = Files.writeString(dir.resolve("limits.json"), "{\"limits\": {\"http_max_conns_per_client\": 20000}}");
        assertThat(HttpServerSettings.apiOf(agent("-config-file", file.toString()), -1).maxConnsPerClient())
                .isEqualTo(20000);
    }
}
