package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.ConfigException;
import io.cairn.api.config.Ports;

/** {@code ports.shell}: Karaf's SSH console port, off unless set. */
class ShellPortConfigTest {

    @TempDir
    Path dir;

    private LoadedConfig load(String... args) throws ConfigException {
        return new ConfigLoader().load(List.of(args));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void offByDefaultInEveryMode() throws ConfigException {
        assertThat(load("-dev").config().ports().shell()).isEqualTo(Ports.DISABLED);
        assertThat(load("-data-dir=" + dir).config().ports().shell()).isEqualTo(Ports.DISABLED);
        assertThat(Ports.defaults().shell()).isEqualTo(Ports.DISABLED);
        assertThat(Ports.enabled(load("-dev").config().ports().shell())).isFalse();
    }

    @Test
    void setInHclJsonOrByFlag() throws Exception {
        assertThat(load("-dev", "-config-file", file("a.hcl", "ports { shell = 8101 }\n").toString())
                .config().ports().shell()).isEqualTo(8101);
        assertThat(load("-dev", "-config-file", file("b.json", "{\"ports\": {\"shell\": 8102}}").toString())
                .config().ports().shell()).isEqualTo(8102);
        assertThat(load("-dev", "-shell-port=8103").config().ports().shell()).isEqualTo(8103);
        // the flag wins over the file, as every flag does
        assertThat(load("-dev", "-config-file", dir.resolve("a.hcl").toString(), "-shell-port", "8104")
                .config().ports().shell()).isEqualTo(8104);
        // the other ports keep their defaults
        assertThat(load("-dev", "-shell-port=8103").config().ports().http()).isEqualTo(8500);
    }

    @Test
    void aBadPortIsAnErrorNamingTheKey() throws Exception {
        Path bad = file("bad.json", "{\"ports\": {\"shell\": 70000}}");
        assertThat(catchThrowableOfType(ConfigException.class, () -> load("-dev", "-config-file", bad.toString())).problems())
                .containsExactly(bad + ": ports.shell: must be a port 1..65535, or -1 to disable, got 70000");
        Path text = file("text.json", "{\"ports\": {\"shell\": \"ssh\"}}");
        assertThat(catchThrowableOfType(ConfigException.class, () -> load("-dev", "-config-file", text.toString())).problems())
                .singleElement().asString().endsWith("ports.shell: must be a port 1..65535, or -1 to disable, got \"ssh\"");
        assertThat(catchThrowableOfType(ConfigException.class, () -> load("-dev", "-shell-port=0")).problems())
                .singleElement().asString().contains("ports.shell").contains("must be a port 1..65535, or -1 to disable");
    }

    @Test
    void validateAcceptsIt() throws Exception {
        ValidationResult result = new ConfigLoader().validate(List.of(
                file("c.hcl", "data_dir = \"/tmp/x\"\nports { shell = 8101 }\n")));
        assertThat(result.errors()).isEmpty();
    }
}
