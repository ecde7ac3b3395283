package io.cairn.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.cairn.api.consensus.ServerCandidate;

/**
 * How to run one Raft server.
 *
 * @param datacenter        names the Raft group (every server of a data centre derives the same id)
 * @param self              this server: its node name is its peer id
 * @param bindHost          the address the Raft transport listens on
 * @param initialServers    the group to bootstrap with when the storage is new (includes self);
 *                          ignored when recovering, where the log holds the configuration
 * @param storageDir        Raft's log and snapshots
 * @param electionTimeout   the lower bound of the randomized election timeout (upper = 2x)
 * @param snapshotThreshold take a snapshot every this many applied entries
 */
public record RaftNodeConfig(String datacenter, ServerCandidate self, String bindHost,
                             List<ServerCandidate> initialServers, Path storageDir,
                             Duration electionTimeout, long snapshotThreshold) {

    public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(1000);
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 16_384;

    public RaftNodeConfig {
        Objects.requireNonNull(datacenter, "datacenter");
        Objects.requireNonNull(self, "self");
        initialServers = List.copyOf(initialServers);
        if (initialServers.stream().noneMatch(s -> s.node().equals(self.node()))) {
            throw new IllegalArgumentException("the initial servers must include this one, " + self.node());
        }
    }
}
