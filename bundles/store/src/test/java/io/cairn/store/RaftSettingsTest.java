package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.consensus.ServerCandidate;
import io.cairn.config.ConfigLoader;

/** bootstrap_expect: the group is formed once that many servers are known, the same on every server. */
class RaftSettingsTest {

    @TempDir
    Path dataDir;

    private AgentConfig server(String node) throws Exception {
        return ConfigLoader.fromArgs(List.of("-server", "-bootstrap-expect=3", "-node=" + node,
                "-bind=127.0.0.1", "-data-dir=" + dataDir.resolve(node))).config();
    }

    private static ServerCandidate candidate(String node) {
        return new ServerCandidate(node, "127.0.0.1", 8303, 8300);
    }

    @Test
    void aServerExpectingThreeWaitsWithoutMembership() throws Exception {
        assertThat(RaftSettings.from(server("s1"))).isEmpty();
    }

    @Test
    void noGroupWhileFewerThanExpectedServersAreKnown() throws Exception {
        assertThat(RaftSettings.bootstrap(server("s1"), List.of(candidate("s1"), candidate("s2")))).isEmpty();
    }

    @Test
    void noGroupWhenThisServerIsNotAmongThoseKnown() throws Exception {
        assertThat(RaftSettings.bootstrap(server("s4"), List.of(candidate("s1"), candidate("s2"), candidate("s3")))).isEmpty();
    }

    @Test
    void everyServerBootstrapsTheSameGroupSortedByNodeName() throws Exception {
        List<ServerCandidate> seenByS1 = List.of(candidate("s3"), candidate("s1"), candidate("s2"));
        List<ServerCandidate> seenByS3 = List.of(candidate("s2"), candidate("s3"), candidate("s1"));

        RaftNodeConfig s1 = RaftSettings.bootstrap(server("s1"), seenByS1).orElseThrow();
        RaftNodeConfig s3 = RaftSettings.bootstrap(server("s3"), seenByS3).orElseThrow();

        assertThat(s1.initialServers()).extracting(ServerCandidate::node).containsExactly("s1", "s2", "s3");
        assertThat(s3.initialServers()).isEqualTo(s1.initialServers());
        assertThat(s3.self().node()).isEqualTo("s3");
    }
}
