package io.cairn.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    @TempDir
    Path folder;

    private final FakeHost host = new FakeHost();

    @Test
    void aPluginIsKnownByItsSymbolicNameAndReinstallingReplacesIt() throws Exception {
        Plugins plugins = new Plugins(host, folder);
        Plugin first = plugins.install("upload", Jars.bundle("com.example.file-check"));
        assertThat(first.name()).isEqualTo("com.example.file-check");
        assertThat(plugins.install("mvn:com.example/file-check/2.0", Jars.bundle("com.example.file-check")).bundleId())
                .isEqualTo(first.bundleId());
        assertThat(host.updates).isEqualTo(1);
        assertThat(plugins.list()).hasSize(1);
    }

    @Test
    void aJarThatIsNotABundleIsRefusedWithTheReason() {
        Plugins plugins = new Plugins(host, folder);
        assertThatThrownBy(() -> plugins.install("upload", Jars.plainJar()))
                .hasMessage("Not an OSGi bundle: the jar's manifest has no Bundle-SymbolicName");
        assertThatThrownBy(() -> plugins.install("upload", "not a zip".getBytes()))
                .isInstanceOf(PluginException.class);
        assertThat(host.installed).isEmpty();
    }

    @Test
    void removingADeployedPluginDeletesItsFileSoItDoesNotComeBack() throws Exception {
        Files.write(folder.resolve("file-check.jar"), Jars.bundle("file-check"));
        Plugins plugins = new Plugins(host, folder);
        plugins.install(Plugin.deploySource("file-check.jar"), Jars.bundle("file-check"));
        assertThat(plugins.remove("file-check")).isPresent();
        assertThat(folder.resolve("file-check.jar")).doesNotExist();
        assertThat(plugins.remove("file-check")).isEmpty();
    }
}
