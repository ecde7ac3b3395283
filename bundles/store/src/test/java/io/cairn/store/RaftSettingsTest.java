package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.consensus.ServerCandidate;
import io.cairn.config.ConfigLoader;

/**
 * bootstrap_expect: the group is formed once that many servers are known, the same on every
 * server, unless it runs already without this one, which then joins it.
 */
class RaftSettingsTest {

    @TempDir
    Path dataDir;

    private AgentConfig server(String node) throws Exception {
        return ConfigLoader.fromArgs(List.of("-server", "-bootstrap-expect=3", "-node=" + node,
                "-bind=127.0.0.1", "-data-dir=" + dataDir.resolve(node))).config();
    }

    private static final Function<List<ServerCandidate>, Optional<Set<String>>> NONE_RUNNING = others -> Optional.empty();

    private static ServerCandidate candidate(String node) {
        return new ServerCandidate(node, "127.0.0.1", 8303, 8300);
    }

    @Test
    void aServerExpectingThreeWaitsWithoutMembership() throws Exception {
        assertThat(RaftSettings.from(server("s1"))).isEmpty();
    }

    @Test
    void noGroupWhileFewerThanExpectedServersAreKnown() throws Exception {
        assertThat(RaftSettings.bootstrap(server("s1"), List.of(candidate("s1"), candidate("s2")), NONE_RUNNING)).isEmpty();
    }

    @Test
    void noGroupWhenThisServerIsNotAmongThoseKnown() throws Exception {
        assertThat(RaftSettings.bootstrap(server("s4"), List.of(candidate("s1"), candidate("s2"), candidate("s3")), NONE_RUNNING)).isEmpty();
    }

    @Test
    void everyServerBootstrapsTheSameGroupSortedByNodeName() throws Exception {
        List<ServerCandidate> seenByS1 = List.of(candidate("s3"), candidate("s1"), candidate("s2"));
        List<ServerCandidate> seenByS3 = List.of(candidate("s2"), candidate("s3"), candidate("s1"));

        RaftNodeConfig s1 = RaftSettings.bootstrap(server("s1"), seenByS1, NONE_RUNNING).orElseThrow();
        RaftNodeConfig s3 = RaftSettings.bootstrap(server("s3"), seenByS3, NONE_RUNNING).orElseThrow();

        assertThat(s1.initialServers()).extracting(ServerCandidate::node).containsExactly("s1", "s2", "s3");
        assertThat(s3.initialServers()).isEqualTo(s1.initialServers());
        assertThat(s3.self().node()).isEqualTo("s3");
        assertThat(s1.member()).isTrue();
    }

    @Test
    void aServerJoinsTheRunningGroupInsteadOfBootstrappingOneWithoutIt() throws Exception {
        // s3 died; s4 replaces it and sees s1, s2 and itself
        List<ServerCandidate> seenByS4 = List.of(candidate("s4"), candidate("s2"), candidate("s1"));
        List<List<ServerCandidate>> asked = new ArrayList<>();

        RaftNodeConfig s4 = RaftSettings.bootstrap(server("s4"), seenByS4, others -> {
            asked.add(others);
            return Optional.of(Set.of("s1", "s2", "s3"));
        }).orElseThrow();

        assertThat(asked).singleElement().satisfies(others ->
                assertThat(others).extracting(ServerCandidate::node).containsExactly("s1", "s2"));
        assertThat(s4.member()).isFalse();
        assertThat(s4.initialServers()).extracting(ServerCandidate::node).containsExactly("s1", "s2");
    }

    @Test
    void aServerThatTheRunningGroupListsBootstrapsWithTheOthers() throws Exception {
        // s1 bootstrapped a moment before s2 saw the third server
        RaftNodeConfig s2 = RaftSettings.bootstrap(server("s2"), List.of(candidate("s1"), candidate("s2"), candidate("s3")),
                others -> Optional.of(Set.of("s1", "s2", "s3"))).orElseThrow();

        assertThat(s2.member()).isTrue();
        assertThat(s2.initialServers()).extracting(ServerCandidate::node).containsExactly("s1", "s2", "s3");
    }

    @Test
    void aServerWithStorageRecoversWithoutAssumingAGroupOfItself() throws Exception {
        Files.createDirectories(dataDir.resolve("s1").resolve("raft")
                .resolve(RaftNode.groupIdOf("dc1").getUuid().toString()));

        RaftNodeConfig recovered = RaftSettings.from(server("s1")).orElseThrow();

        assertThat(recovered.initialServers()).isEmpty();
        assertThat(recovered.member()).isFalse();
    }
}
