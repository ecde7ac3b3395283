package io.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.consensus.ServerCandidate;

/** How an agent's configuration becomes its Raft server's. */
public final class RaftSettings {

    private RaftSettings() {
    }

    /** This agent as a Raft peer: named by its node name, reached at {@code advertise_addr:ports.raft}. */
    public static ServerCandidate self(AgentConfig config) {
        return new ServerCandidate(config.nodeName(), config.advertiseAddr(), config.ports().raft(), config.ports().server());
    }

    /**
     * The Raft server to run, or empty when this agent cannot form or join a group yet.
     * {@code -dev} runs a single server on throw-away storage; {@code -bootstrap} (or
     * {@code bootstrap_expect = 1}) a single durable server in {@code <data_dir>/raft}; a server
     * whose storage exists recovers it whatever the flags say, as its log holds the group.
     */
    public static Optional<RaftNodeConfig> from(AgentConfig config) throws IOException {
        if (!config.server()) {
            return Optional.empty();
        }
        ServerCandidate self = self(config);
        Path storage = config.dev()
                ? Files.createTempDirectory("cairn-dev-raft")
                : Path.of(config.dataDir()).resolve("raft");
        boolean single = config.dev() || config.bootstrap() || config.bootstrapExpect() <= 1;
        if (!single && !hasGroup(storage, config.datacenter())) {
            // bootstrap_expect > 1 needs every expected server's node name, which membership brings
            return Optional.empty();
        }
        return Optional.of(new RaftNodeConfig(config.datacenter(), self, config.bindAddr(), List.of(self), storage,
                RaftNodeConfig.DEFAULT_ELECTION_TIMEOUT, RaftNodeConfig.DEFAULT_SNAPSHOT_THRESHOLD));
    }

    static boolean hasGroup(Path storage, String datacenter) {
        return Files.isDirectory(storage.resolve(RaftNode.groupIdOf(datacenter).getUuid().toString()));
    }
}
