package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.cli.RoleBundles.RoleBundle;

class RoleBundlesTest {

    /** The repository the distribution ships (unfiltered: versions read {@code ${...}}). */
    private static final Path REPOSITORY = Path.of("../../features/src/main/feature/feature.xml");

    private static List<RoleBundle> role(String feature) throws IOException {
        try (InputStream in = Files.newInputStream(REPOSITORY)) {
            return RoleBundles.of(in, feature);
        }
    }

    private static List<String> artifacts(List<RoleBundle> bundles) {
        return bundles.stream().map(b -> b.url().split("/")[1]).toList();
    }

    @Test
    void aServerRunsTheStoreAndAClientDoesNot() throws IOException {
        assertThat(artifacts(role("cairn-server"))).contains("cairn-store", "cairn-ratis", "cairn-http", "cairn-agent",
                "cairn-membership", "cairn-dns", "cairn-rpc", "cairn-checks", "cairn-plugins", "cairn-config", "cairn-api");
        assertThat(artifacts(role("cairn-client"))).contains("cairn-http", "cairn-agent", "cairn-membership")
                .doesNotContain("cairn-store", "cairn-ratis");
        assertThat(role("cairn-dev")).isEqualTo(role("cairn-server"));
    }

    @Test
    void eachBundleOnceInStartLevelOrder() throws IOException {
        List<RoleBundle> server = role("cairn-server");
        // jetty-util is named by the http, rpc and checks features
        assertThat(artifacts(server)).doesNotHaveDuplicates().contains("jetty-util");
        assertThat(server).isSortedAccordingTo((a, b) -> Integer.compare(a.startLevel(), b.startLevel()));
        assertThat(server).filteredOn(b -> b.url().contains("/cairn-store/")).singleElement()
                .extracting(RoleBundle::startLevel).isEqualTo(80);
        assertThat(server).filteredOn(b -> b.url().contains("/jackson-databind/")).singleElement()
                .extracting(RoleBundle::startLevel).isEqualTo(60);
    }

    private static List<RoleBundle> of(String xml, String feature) throws IOException {
        return RoleBundles.of(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), feature);
    }

    @Test
    void aFeatureOutsideTheRepositoryIsNamed() {
        String xml = """
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="role"><feature>scr</feature><feature>cairn-web</feature></feature>
                </features>""";
        assertThatThrownBy(() -> of(xml, "role")).isInstanceOf(IOException.class)
                .hasMessageContaining("cairn-web").hasMessageContaining("role");
    }

    @Test
    void whatOnlyTheFeaturesServiceCanDoIsRefused() {
        String xml = """
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="role">
                    <bundle>mvn:g/a/1</bundle>
                    <conditional><condition>shell</condition><bundle>mvn:g/b/1</bundle></conditional>
                  </feature>
                </features>""";
        assertThatThrownBy(() -> of(xml, "role")).isInstanceOf(IOException.class)
                .hasMessageContaining("<conditional>");
    }

    @Test
    void aBundleWithoutAStartLevelTakesKarafsDefault() throws IOException {
        String xml = """
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="role"><bundle>mvn:g/a/1</bundle><bundle start-level="60">mvn:g/b/1</bundle></feature>
                </features>""";
        assertThat(of(xml, "role")).containsExactly(new RoleBundle("mvn:g/b/1", 60), new RoleBundle("mvn:g/a/1", 80));
    }

    @Test
    void mavenLocationsMapToTheSystemRepository(@TempDir Path system) throws IOException {
        Path jar = system.resolve("org/eclipse/jetty/jetty-util/12.0.1/jetty-util-12.0.1.jar");
        Path features = system.resolve("io/cairn/cairn-features/1.0/cairn-features-1.0-features.xml");
        for (Path p : List.of(jar, features)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
        }
        assertThat(RoleBundles.jar(system, "mvn:org.eclipse.jetty/jetty-util/12.0.1")).isEqualTo(jar);
        assertThat(RoleBundles.jar(system, "mvn:io.cairn/cairn-features/1.0/xml/features")).isEqualTo(features);
        assertThatThrownBy(() -> RoleBundles.jar(system, "mvn:g/missing/1")).isInstanceOf(IOException.class)
                .hasMessageContaining("missing from the distribution");
        assertThatThrownBy(() -> RoleBundles.jar(system, "file:/x.jar")).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Maven bundle location");
    }
}
