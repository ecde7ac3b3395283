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
 * @param initialServers    when the storage is new, the group to bootstrap if it includes this
 *                          server, or else a group that runs already: this server then starts
 *                          outside it, asks these servers for its leader, and waits to be added
 *                          (autopilot). When recovering, the configuration the server last
 *                          applied wins; this one counts only if there is none (a server that
 *                          stopped before its first election).
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
    }

    /** Whether this server is in its initial group: it bootstraps (or recovers) one, rather than joining one. */
    public boolean member() {
        return initialServers.stream().anyMatch(s -> s.node().equals(self.node()));
    }
}
