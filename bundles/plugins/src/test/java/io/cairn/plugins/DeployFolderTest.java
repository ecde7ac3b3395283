package io.cairn.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans called directly, as the component's timer would. */
class DeployFolderTest {

    @TempDir
    Path folder;

    private final FakeHost host = new FakeHost();
    private final List<String> log = new ArrayList<>();

    private DeployFolder deployFolder() {
        return new DeployFolder(folder, new Plugins(host, folder), log::add);
    }

    @Test
    void aDroppedJarIsInstalledOnceItStopsChanging() throws Exception {
        DeployFolder deploy = deployFolder();
        Path jar = folder.resolve("file-check.jar");
        Files.write(jar, Jars.bundle("file-check"));
        deploy.scan();
        assertThat(host.installed).as("first sight: may still be copying").isEmpty();
        deploy.scan();
        assertThat(host.installed).extracting(Plugin::name, Plugin::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file-check", "deploy:file-check.jar"));
        deploy.scan();
        assertThat(host.installed).hasSize(1);
        assertThat(host.updates).isZero();
    }

    @Test
    void aChangedJarReplacesItsPluginAndADeletedOneRemovesIt() throws Exception {
        DeployFolder deploy = deployFolder();
        Path jar = folder.resolve("file-check.jar");
        Files.write(jar, Jars.bundle("file-check"));
        deploy.scan();
        deploy.scan();
        Files.write(jar, Jars.bundle("file-check"));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        deploy.scan();
        deploy.scan();
        assertThat(host.updates).isEqualTo(1);
        Files.delete(jar);
        deploy.scan();
        assertThat(host.installed).isEmpty();
    }

    @Test
    void aBrokenJarIsReportedOnceAndOtherFilesAreIgnored() throws Exception {
        DeployFolder deploy = deployFolder();
        Files.write(folder.resolve("bad.jar"), Jars.bundle("bad-plugin"));
        Files.writeString(folder.resolve("notes.txt"), "not a plugin");
        for (int i = 0; i < 4; i++) {
            deploy.scan();
        }
        assertThat(host.installed).isEmpty();
        assertThat(log).singleElement().asString()
                .contains("Could not install").contains("bad.jar").contains("missing requirement");
    }

    @Test
    void aPluginWhoseFileWentAwayWhileTheAgentWasDownIsRemovedAtStart() throws Exception {
        host.install(Plugin.deploySource("gone.jar"), Jars.bundle("gone"));
        host.install("upload", Jars.bundle("uploaded"));
        deployFolder().scan();
        assertThat(host.installed).extracting(Plugin::name).containsExactly("uploaded");
    }
}
