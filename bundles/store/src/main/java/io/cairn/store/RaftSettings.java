package io.cairn.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
        Path storage = storage(config);
        boolean single = config.dev() || config.bootstrap() || config.bootstrapExpect() <= 1;
        if (single) {
            return Optional.of(nodeConfig(config, storage, List.of(self(config))));
        }
        if (hasGroup(storage, config.datacenter())) {
            // the configuration it applied last is on disk; if it stopped before it had any (waiting
            // to be added, or before the first election) it must not fall back to a group of itself
            return Optional.of(nodeConfig(config, storage, List.of()));
        }
        // bootstrap_expect > 1 needs every expected server's node name: see bootstrap()
        return Optional.empty();
    }

    /**
     * {@code bootstrap_expect}: the Raft server to start once that many servers of the data
     * centre are known (this one among them), or empty while fewer are. When none of the others
     * runs the group yet, every server sees the same servers in the pool, sorts them by node
     * name, and so bootstraps the same group. When one runs it without this server, this server
     * joins it instead: it starts outside the group and the leader adds it.
     *
     * @param runningPeers asks the given servers for the peers of the group they run, empty if none runs it
     */
    public static Optional<RaftNodeConfig> bootstrap(AgentConfig config, List<ServerCandidate> known,
                                                     Function<List<ServerCandidate>, Optional<Set<String>>> runningPeers)
            throws IOException {
        ServerCandidate self = self(config);
        boolean selfKnown = known.stream().anyMatch(s -> s.node().equals(self.node()));
        if (!config.server() || !selfKnown || known.size() < config.bootstrapExpect()) {
            return Optional.empty();
        }
        List<ServerCandidate> others = known.stream().filter(s -> !s.node().equals(self.node()))
                .sorted(Comparator.comparing(ServerCandidate::node)).toList();
        Optional<Set<String>> running = runningPeers.apply(others);
        if (running.isPresent() && !running.get().contains(self.node())) {
            return Optional.of(nodeConfig(config, storage(config), others));
        }
        List<ServerCandidate> group = known.stream().sorted(Comparator.comparing(ServerCandidate::node)).toList();
        return Optional.of(nodeConfig(config, storage(config), group));
    }

    private static Path storage(AgentConfig config) throws IOException {
        return config.dev() ? Files.createTempDirectory("cairn-dev-raft") : Path.of(config.dataDir()).resolve("raft");
    }

    private static RaftNodeConfig nodeConfig(AgentConfig config, Path storage, List<ServerCandidate> group) {
        return new RaftNodeConfig(config.datacenter(), self(config), config.bindAddr(), group, storage,
                RaftNodeConfig.DEFAULT_ELECTION_TIMEOUT, RaftNodeConfig.DEFAULT_SNAPSHOT_THRESHOLD);
    }

    static boolean hasGroup(Path storage, String datacenter) {
        return Files.isDirectory(storage.resolve(RaftNode.groupIdOf(datacenter).getUuid().toString()));
    }
}
