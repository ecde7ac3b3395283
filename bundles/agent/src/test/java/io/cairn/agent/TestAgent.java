package io.cairn.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.ConfigException;
import io.cairn.config.ConfigLoader;

/**
 * A whole local agent on plain objects: fake timers and clock, a fake catalog, a real data
 * dir, check runs and syncs on the calling thread. {@link #restart} builds a new agent on the
 * same data dir and catalog, as a process restart would.
 */
final class TestAgent {

    final FakeTimers timers;
    final FakeCatalog catalog;
    final Path dataDir;
    final AtomicReference<AgentConfig> config = new AtomicReference<>();
    final List<String> extraArgs;
    LocalState state;
    CheckRunner runner;
    AntiEntropy antiEntropy;
    LocalAgent agent;

    private TestAgent(FakeTimers timers, FakeCatalog catalog, Path dataDir, List<String> extraArgs) throws Exception {
        this.timers = timers;
        this.catalog = catalog;
        this.dataDir = dataDir;
        this.extraArgs = extraArgs;
        config.set(load());
        build();
    }

    static TestAgent start(Path dataDir, String... extraArgs) throws Exception {
        return new TestAgent(new FakeTimers(), new FakeCatalog(), dataDir, List.of(extraArgs));
    }

    /** The same data dir, catalog and clock, a fresh agent: what a process restart gives. */
    TestAgent restart() throws Exception {
        agent.close();
        antiEntropy.stop();
        return new TestAgent(timers, catalog, dataDir, extraArgs);
    }

    String node() {
        return config.get().nodeName();
    }

    /** Writes a config file into the agent's config dir and reloads, as SIGHUP does. */
    void reloadWith(String json) throws Exception {
        Files.writeString(configDir().resolve("services.json"), json);
        config.set(load());
        agent.applyConfig(config.get());
    }

    private Path configDir() throws IOException {
        return Files.createDirectories(dataDir.resolve("config.d"));
    }

    private AgentConfig load() throws ConfigException, IOException {
        List<String> args = new ArrayList<>(List.of("-dev", "-node", "node1", "-bind", "127.0.0.90",
                "-data-dir", dataDir.toString(), "-config-dir", configDir().toString()));
        args.addAll(extraArgs);
        return ConfigLoader.fromArgs(args).config();
    }

    private void build() {
        state = new LocalState();
        antiEntropy = new AntiEntropy(state, () -> LocalNode.of(config.get()), Runnable::run, timers, () -> 1,
                new Random(1));
        LocalAgent[] self = new LocalAgent[1];
        runner = new CheckRunner(timers, Runnable::run, timers.clock, (id, r) -> self[0].checkResult(id, r),
                new Random(1));
        runner.addType(TtlCheckType.NAME, new TtlCheckType());
        agent = new LocalAgent(state, runner, antiEntropy, new AgentFiles(dataDir), timers.clock, config::get);
        self[0] = agent;
        antiEntropy.setCatalog(catalog);
        agent.loadPersisted();
        agent.applyConfig(config.get());
        agent.restoreMaintenance();
    }
}
