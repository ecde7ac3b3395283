package io.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.karaf.main.Main;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.FrameworkStartLevel;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AutoEncrypt;
import io.cairn.api.config.ConfigException;
import io.cairn.api.config.Ports;
import io.cairn.api.config.TlsSettings;
import io.cairn.config.ConfigLoader;
import io.cairn.config.LoadedConfig;

/**
 * Runs one agent in the foreground: validates the configuration, lays out the agent's own
 * data directory (Karaf's data lives under it, so many agents share one distribution), boots
 * Karaf with the features of the agent's role, and stops it cleanly on SIGTERM/SIGINT.
 */
final class AgentLauncher {

    private static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);

    private static final Set<String> HELP = Set.of("-h", "-help", "--help");

    private final AgentConfig config;
    private final boolean console;
    private final List<String> args;
    private final PrintStream out;

    private AgentLauncher(LoadedConfig loaded, List<String> args, PrintStream out) {
        this.config = loaded.config();
        this.console = loaded.console();
        this.args = args;
        this.out = out;
    }

    static int run(List<String> args) {
        if (args.stream().anyMatch(HELP::contains)) {
            System.out.print(ConfigLoader.usage());
            return 0;
        }
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.fromArgs(args);
        } catch (ConfigException e) {
            System.err.println("==> Error: invalid configuration:");
            e.problems().forEach(p -> System.err.println("    " + p));
            System.err.println();
            System.err.print(ConfigLoader.usage());
            return 1;
        }
        loaded.warnings().forEach(w -> System.err.println("==> Warning: " + w));
        try {
            return new AgentLauncher(loaded, args, System.out).launch();
        } catch (Exception e) {
            System.err.println("==> Error starting agent: " + e);
            return 1;
        }
    }

    private int launch() throws Exception {
        Path dataDir = Path.of(config.dataDir()).toAbsolutePath();
        Files.createDirectories(dataDir);
        // the agent inside Karaf re-reads these: it must see the same data dir and node id
        List<String> agentArgs = new ArrayList<>(args);
        if (config.dataDirTemporary()) {
            agentArgs.add("-data-dir=" + dataDir);
        }
        if (config.nodeId() == null || config.nodeId().isEmpty()) {
            agentArgs.add("-node-id=" + nodeId(dataDir));
        }
        Path pidFile = config.pidFile().map(Path::of).orElse(null);
        if (pidFile != null) {
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
        }
        if (sshConsole()) {
            InetSocketAddress shell = shellEndpoint().orElseThrow();
            // Karaf's SSH server only logs a failed bind: a taken port is an error before boot
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(shell);
            } catch (IOException e) {
                throw new IOException("ports.shell: cannot listen on " + shell.getHostString() + ":" + shell.getPort()
                        + ": " + e.getMessage(), e);
            }
            ShellConsole.prepare(ShellConsole.dir(dataDir));
        }
        setKarafProperties(dataDir, agentArgs);
        if (config.server()) {
            ServerHeap.widen();
        }
        printBanner();

        Main karaf = new Main(new String[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(karaf), "cairn-shutdown"));
        Signals.onHangup(() -> Reloader.reload(karaf.getFramework(), out));
        karaf.launch();
        BundleContext context = karaf.getFramework().getBundleContext();
        if (!bootsFeatures()) {
            try (InputStream repository = cairnFeatures()) {
                RoleBundles.install(context, system(), RoleBundles.of(repository, role()));
            }
        }
        whenBooted(karaf.getFramework(), () -> {
            List<String> inactive = inactiveBundles(context);
            inactive.addAll(missingRoleBundles(context));
            if (!inactive.isEmpty()) {
                // an agent missing a capability must not report itself ready
                System.err.println("==> Error: bundles not active: " + String.join(", ", inactive)
                        + " (see " + Path.of(System.getProperty("karaf.log"), "cairn.log") + ")");
                karaf.setExitCode(1);
                stop(karaf);
                return;
            }
            // components activate after their bundles start: ready means the HTTP API answers
            if (!awaitListening(httpEndpoint(), deadlineFromNow())) {
                System.err.println("==> Error: the HTTP API did not start listening on " + httpEndpoint());
                karaf.setExitCode(1);
                stop(karaf);
                return;
            }
            if (!awaitListening(shellEndpoint(), deadlineFromNow())) {
                System.err.println("==> Error: the SSH console did not start listening on " + shellEndpoint().orElseThrow()
                        + " (see " + Path.of(System.getProperty("karaf.log"), "cairn.log") + ")");
                karaf.setExitCode(1);
                stop(karaf);
                return;
            }
            long startedMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            out.printf("==> Cairn agent running! (started in %.1f s)%n", startedMs / 1000.0);
            Systemd.notifyReady();
        });
        karaf.awaitShutdown();
        stop(karaf);
        if (pidFile != null) {
            Files.deleteIfExists(pidFile);
        }
        if (config.dataDirTemporary()) {
            deleteTree(dataDir);
        }
        return karaf.getExitCode();
    }

    private void setKarafProperties(Path dataDir, List<String> agentArgs) throws IOException {
        Path home = Path.of(System.getProperty("cairn.home", System.getProperty("karaf.home", "."))).toAbsolutePath();
        Path karafData = dataDir.resolve("karaf");
        System.setProperty("karaf.home", home.toString());
        System.setProperty("karaf.base", home.toString());
        System.setProperty("karaf.etc", home.resolve("etc").toString());
        System.setProperty("karaf.data", karafData.toString());
        System.setProperty("karaf.instances", karafData.resolve("instances").toString());
        System.setProperty("karaf.log", karafData.resolve("log").toString());
        System.setProperty("karaf.startLocalConsole", String.valueOf(console));
        // Karaf's SSH server only with ports.shell, on this agent's client address, with this
        // agent's keys and users (etc/org.apache.karaf.shell.cfg reads the cairn.shell.* properties)
        System.setProperty("karaf.startRemoteShell", String.valueOf(sshConsole()));
        System.setProperty("cairn.shell.port", String.valueOf(config.ports().shell()));
        System.setProperty("cairn.shell.host", ShellConsole.host(config.clientAddr()));
        System.setProperty("cairn.shell.dir", ShellConsole.dir(dataDir).toString());
        System.setProperty("karaf.restart.jvm.supported", "false");
        // Each boot starts from an empty bundle cache: the bundles are the distribution's of today
        // (never those of an older build, nor those of the other way of booting), and the
        // agent's state lives in its data dir, not in Karaf's cache
        System.setProperty("karaf.clean.cache", "true");
        System.setProperty("cairn.features", bootsFeatures() ? "framework," + features() : "");
        System.setProperty("cairn.features.repositories", bootsFeatures() ? String.join(",", featureRepositories()) : "");
        System.setProperty("cairn.log.level", config.logLevel().toUpperCase());
        System.setProperty("cairn.agent.args", new ObjectMapper().writeValueAsString(agentArgs));
    }

    /**
     * Whether Karaf's features service boots this agent: only for a console, whose features
     * (Karaf's shell, sshd, JAAS) take its resolver; every other agent installs its role's
     * bundles itself, without it ({@link RoleBundles}).
     */
    private boolean bootsFeatures() {
        return console || sshConsole();
    }

    private static Path system() {
        return Path.of(System.getProperty("karaf.home")).resolve("system");
    }

    /** The features repositories of the distribution, as Maven locations the features service reads. */
    private static List<String> featureRepositories() throws IOException {
        List<String> locations = new ArrayList<>();
        for (String artifact : List.of("org.apache.karaf.features/standard", "org.apache.karaf.features/framework",
                "io.cairn/cairn-features")) {
            String[] ga = artifact.split("/");
            locations.add("mvn:" + artifact + "/" + repositoryVersion(ga[0], ga[1]) + "/xml/features");
        }
        return locations;
    }

    private static InputStream cairnFeatures() throws IOException {
        String version = repositoryVersion("io.cairn", "cairn-features");
        return Files.newInputStream(RoleBundles.jar(system(), "mvn:io.cairn/cairn-features/" + version + "/xml/features"));
    }

    /** The one version of a features repository the distribution's {@code system/} holds. */
    private static String repositoryVersion(String group, String artifact) throws IOException {
        Path dir = system().resolve(group.replace('.', '/')).resolve(artifact);
        try (Stream<Path> versions = Files.list(dir)) {
            List<String> found = versions.filter(Files::isDirectory).map(v -> v.getFileName().toString()).toList();
            if (found.size() != 1) {
                throw new IOException("expected one version of " + group + ":" + artifact + " in " + dir + ", found " + found);
            }
            return found.get(0);
        }
    }

    /**
     * The role's feature; the local console needs Karaf's shell (and its bundle commands, to
     * stop and start a capability), the SSH console the shell, sshd and its realm: an agent
     * without either carries none.
     */
    private String features() {
        StringBuilder features = new StringBuilder(role());
        if (console) {
            features.append(",shell,bundle");
        }
        if (sshConsole()) {
            features.append(",cairn-console");
        }
        return features.toString();
    }

    private boolean sshConsole() {
        return Ports.enabled(config.ports().shell());
    }

    /** Where the SSH console listens, when {@code ports.shell} is set. */
    private Optional<InetSocketAddress> shellEndpoint() {
        if (!sshConsole()) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(ShellConsole.host(config.clientAddr()), config.ports().shell()));
    }

    /** The Karaf feature of this agent's role: a client installs no Raft store. */
    private String role() {
        if (config.dev()) {
            return "cairn-dev";
        }
        return config.server() ? "cairn-server" : "cairn-client";
    }

    /** A node's id survives restarts: kept in {@code <data_dir>/node-id}, made once. */
    private static String nodeId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("node-id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id);
        return id;
    }

    private void printBanner() {
        BuildInfo b = BuildInfo.current();
        var p = config.ports();
        out.println("==> Starting Cairn agent...");
        out.printf("               Version: 'v%s' (Consul API %s)%n", b.version(), b.consulVersion());
        out.printf("             Node name: '%s'%n", config.nodeName());
        out.printf("            Datacenter: '%s' (Segment: '%s')%n", config.datacenter(), config.server() ? "<all>" : "");
        out.printf("                Server: %s (Bootstrap: %s)%n", config.server(), config.bootstrap() || config.dev());
        out.printf("           Client Addr: [%s] (HTTP: %d, HTTPS: %d, gRPC: %d, DNS: %d)%n",
                config.clientAddr(), p.http(), p.https(), p.grpc(), p.dns());
        out.printf("          Cluster Addr: %s (LAN: %d, WAN: %d)%n", config.advertiseAddr(), p.serfLan(), p.serfWan());
        if (sshConsole()) {
            out.printf("           SSH Console: %s:%d (cairn shell; keys in %s)%n", ShellConsole.host(config.clientAddr()),
                    p.shell(), ShellConsole.dir(Path.of(config.dataDir()).toAbsolutePath()));
        }
        out.printf("             Data Dir: %s%n", config.dataDir());
        out.println(encryptLine(config));
        out.println();
        out.println("==> Log data will now stream in as it occurs:");
        out.println();
    }

    /**
     * Consul's start-up line on encryption: outgoing RPC is verified TLS with
     * {@code verify_outgoing}, with {@code verify_server_hostname} (which implies it) and on a
     * client with {@code auto_encrypt.tls} (which dials servers with TLS only); incoming with
     * {@code verify_incoming}; auto-encrypt on either side.
     */
    static String encryptLine(AgentConfig config) {
        TlsSettings rpc = config.tls().internalRpc();
        AutoEncrypt autoEncrypt = config.autoEncrypt();
        return String.format("               Encrypt: Gossip: %s, TLS-Outgoing: %s, TLS-Incoming: %s, Auto-Encrypt-TLS: %s",
                gossipEncrypted(config), rpc.verifyOutgoing() || rpc.verifyServerHostname() || autoEncrypt.tls(),
                rpc.verifyIncoming(), autoEncrypt.tls() || autoEncrypt.allowTls());
    }

    /** {@code encrypt}, or a keyring a previous run left in the data dir (which wins, as in Consul). */
    static boolean gossipEncrypted(AgentConfig config) {
        return config.encrypt().isPresent() || config.dataDir() != null
                && java.nio.file.Files.exists(java.nio.file.Path.of(config.dataDir(), "serf", "local.keyring"));
    }

    /**
     * Waits until the agent is serving: Karaf has installed the boot features and the
     * framework has reached its final start level, so every bundle has had its start; on a
     * thread of its own, which may stop the framework.
     */
    private static void whenBooted(Framework framework, Runnable action) {
        Thread waiter = new Thread(() -> {
            BundleContext context = framework.getBundleContext();
            FrameworkStartLevel levels = framework.adapt(FrameworkStartLevel.class);
            int target = Integer.parseInt(Objects.requireNonNullElse(
                    context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL), "100"));
            long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
            while (context.getServiceReference(BOOT_FINISHED) == null || levels.getStartLevel() < target
                    || (!inactiveBundles(context).isEmpty() && System.nanoTime() < deadline)) {
                if (System.nanoTime() > deadline || framework.getState() != Bundle.ACTIVE) {
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            action.run();
        }, "cairn-booted");
        waiter.setDaemon(true);
        waiter.start();
    }

    /** Where the HTTP API listens: its first address, or none when HTTP is off. */
    private Optional<InetSocketAddress> httpEndpoint() {
        if (!Ports.enabled(config.ports().http())) {
            return Optional.empty();
        }
        String host = config.addresses().http().trim().split("\\s+")[0];
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return Optional.of(new InetSocketAddress(host, config.ports().http()));
    }

    private static long deadlineFromNow() {
        return System.nanoTime() + BOOT_TIMEOUT.toNanos();
    }

    private static boolean awaitListening(Optional<InetSocketAddress> endpoint, long deadline) {
        if (endpoint.isEmpty()) {
            return true;
        }
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(endpoint.get(), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * The capabilities every agent of this role must run; absent when Karaf could not install
     * the role's feature (it still declares its boot finished).
     */
    private List<String> missingRoleBundles(BundleContext context) {
        Set<String> required = new TreeSet<>(List.of("cairn-api", "cairn-config", "cairn-http", "cairn-agent"));
        if (config.server()) {
            required.add("cairn-store");
        }
        if (sshConsole()) {
            required.add("cairn-console");
        }
        for (Bundle b : context.getBundles()) {
            required.remove(b.getSymbolicName());
        }
        return required.stream().map(name -> name + " (not installed)").collect(Collectors.toCollection(ArrayList::new));
    }

    /** Bundles that should be active and are not (fragments are only ever resolved). */
    private static List<String> inactiveBundles(BundleContext context) {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && b.getState() != Bundle.ACTIVE) {
                inactive.add(b.getSymbolicName() + " (state " + b.getState() + ")");
            }
        }
        return inactive;
    }

    private static void stop(Main karaf) {
        try {
            karaf.destroy();
        } catch (Exception e) {
            System.err.println("==> Error stopping agent: " + e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
