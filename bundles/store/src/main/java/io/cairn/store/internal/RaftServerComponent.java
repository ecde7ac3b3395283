package io.cairn.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.consensus.ConsensusStore;
import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.consensus.ServerDiscovery;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.kv.KvStore;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.Membership;
import io.cairn.api.session.SessionStore;
import io.cairn.api.storage.StorageBackend;
import io.cairn.api.tls.AutoEncryptCa;
import io.cairn.api.tls.CertificateAuthority;
import io.cairn.api.tls.MutualTls;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;
import io.cairn.store.AutoEncryptCaLeader;
import io.cairn.store.AutoEncryptSigning;
import io.cairn.store.Autopilot;
import io.cairn.store.BlockingQuery;
import io.cairn.store.CatalogEndpoint;
import io.cairn.store.HealthEndpoint;
import io.cairn.store.IndexWatches;
import io.cairn.store.KvEndpoint;
import io.cairn.store.LeaderReconciler;
import io.cairn.store.NoGroupYetEndpoint;
import io.cairn.store.OperatorEndpoint;
import io.cairn.store.RaftNode;
import io.cairn.store.RaftNodeConfig;
import io.cairn.store.RaftSettings;
import io.cairn.store.RaftTls;
import io.cairn.store.RunningGroup;
import io.cairn.store.ReplicatedCatalog;
import io.cairn.store.ReplicatedKvStore;
import io.cairn.store.ReplicatedSessionStore;
import io.cairn.store.SessionInvalidator;
import io.cairn.store.SessionEndpoint;
import io.cairn.store.SnapshotEndpoint;
import io.cairn.store.StatusEndpoint;
import io.cairn.store.StoreState;
import io.cairn.store.TombstoneReaper;
import io.cairn.store.TxnEndpoint;

/**
 * Runs this server agent's Raft server and publishes what it backs: {@link KvStore},
 * {@link SessionStore}, {@link ConsensusStore} and their HTTP routes. Client agents run none of it.
 *
 * <p>The backend reference is static and greedy: when a higher-ranked backend appears, the
 * component restarts, and the new tables are rebuilt from the snapshot and the log.
 */
@Component(immediate = true, service = {})
public class RaftServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(RaftServerComponent.class);
    private static final Duration LEADERSHIP_POLL = Duration.ofMillis(500);
    private static final Duration BOOTSTRAP_POLL = Duration.ofMillis(250);
    /** The leader's full pass of the pool over the catalog, beside the per-event writes (Consul: reconcile_interval 60 s). */
    private static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(30);
    private static final Duration AUTOPILOT_INTERVAL = Duration.ofSeconds(2);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private RaftNode node;
    private ExecutorService wakeups;
    /** The leader's chores: catalog reconciliation, session invalidation, autopilot. */
    private ScheduledExecutorService leadership;
    private Path devStorage;
    /** Waits for bootstrap_expect servers; null when the group needs no wait. */
    private ScheduledExecutorService bootstrap;
    private boolean stopped;
    private Membership membership;
    private volatile ServerDiscovery discovery;
    /** Answers as Consul does while the group waits for bootstrap_expect servers; null once it runs. */
    private ServiceRegistration<?> noGroupYet;
    private LeaderReconciler reconciler;
    private final AgentConfigService configService;
    /** Raft's mutual TLS, empty when plain; its certificates follow config reloads. */
    private final Optional<MutualTls> raftTls;
    private final Consumer<AgentConfig> reloadTls = this::reloadTls;
    /** Makes and signs with the auto_encrypt CA. */
    private final CertificateAuthority authority;

    @Activate
    public RaftServerComponent(@Reference(name = "config") AgentConfigService configService,
                               @Reference(name = "backend", policyOption = ReferencePolicyOption.GREEDY) StorageBackend backend,
                               @Reference(name = "tls") TlsContexts tlsContexts,
                               @Reference(name = "authority") CertificateAuthority authority,
                               BundleContext context) throws IOException {
        this.configService = configService;
        this.authority = authority;
        AgentConfig config = configService.current();
        try {
            raftTls = RaftTls.of(config, tlsContexts);
        } catch (TlsException e) {
            // never fall back to plain Raft: a server without its certificate stays out of the group
            throw new IOException("Raft not started: " + e.getMessage(), e);
        }
        configService.addListener(reloadTls);
        Optional<RaftNodeConfig> settings = RaftSettings.from(config);
        if (settings.isPresent()) {
            start(config, settings.get(), backend, context);
        } else if (config.server()) {
            LOG.info("Server {} waits for {} servers (bootstrap_expect) to bootstrap the Raft group",
                    config.nodeName(), config.bootstrapExpect());
            noGroupYet = context.registerService(RouteProvider.class, new NoGroupYetEndpoint(), null);
            awaitServers(config, backend, context);
        }
    }

    /**
     * The servers membership finds (bootstrap_expect, autopilot). Dynamic: Raft never waits for
     * the pools to start, nor restarts when they come or go; until they are up, no server is known.
     */
    @Reference(name = "discovery", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindDiscovery")
    void bindDiscovery(ServerDiscovery found) {
        discovery = found;
    }

    void unbindDiscovery(ServerDiscovery gone) {
        if (discovery == gone) {
            discovery = null;
        }
    }

    private List<ServerCandidate> knownServers() {
        ServerDiscovery current = discovery;
        return current == null ? List.of() : current.servers();
    }

    /** Polls the pool's servers until {@code bootstrap_expect} of them are known, then starts with them. */
    private void awaitServers(AgentConfig config, StorageBackend backend, BundleContext context) {
        bootstrap = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-raft-bootstrap");
            thread.setDaemon(true);
            return thread;
        });
        bootstrap.scheduleWithFixedDelay(() -> {
            try {
                Optional<RaftNodeConfig> group = RaftSettings.bootstrap(config, knownServers(),
                        others -> RunningGroup.peers(config.datacenter(), others, raftTls));
                if (group.isPresent()) {
                    LOG.info(group.get().member() ? "Bootstrapping the Raft group with {}"
                            : "The Raft group runs already: joining it through {}", group.get().initialServers());
                    start(config, group.get(), backend, context);
                    bootstrap.shutdown();
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not bootstrap the Raft group", e);
                bootstrap.shutdown();
            }
        }, 0, BOOTSTRAP_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void start(AgentConfig config, RaftNodeConfig settings, StorageBackend backend,
                                    BundleContext context) throws IOException {
        if (stopped) {
            return;
        }
        if (config.dev()) {
            devStorage = settings.storageDir();
        }
        // one waking thread per core: a write that wakes 10,000 watchers keeps every core answering them
        wakeups = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
            Thread thread = new Thread(runnable, "cairn-store-wakeup");
            thread.setDaemon(true);
            return thread;
        });
        node = new RaftNode(settings, new StoreState(backend.createTables(), new IndexWatches(), wakeups), raftTls);
        node.start();
        KvStore kv = new ReplicatedKvStore(node.state(), node, new BlockingQuery(wakeups));
        // the store's endpoints take over the paths (a path is its first provider's)
        withdrawNoGroupYet();
        registrations.add(context.registerService(KvStore.class, kv, null));
        registrations.add(context.registerService(ConsensusStore.class, node, null));
        registrations.add(context.registerService(RouteProvider.class, new KvEndpoint(kv), null));
        registrations.add(context.registerService(RouteProvider.class, new StatusEndpoint(node), null));
        Catalog catalog = new ReplicatedCatalog(node.state(), node, new BlockingQuery(wakeups), config.datacenter());
        registrations.add(context.registerService(Catalog.class, catalog, null));
        registrations.add(context.registerService(RouteProvider.class, new CatalogEndpoint(catalog), null));
        registrations.add(context.registerService(RouteProvider.class, new HealthEndpoint(catalog), null));
        leadership = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-catalog-leader");
            thread.setDaemon(true);
            return thread;
        });
        SessionInvalidator invalidator = new SessionInvalidator(node::leading, node.state(), node);
        // the catalog follows the pool only once this server is in it: before (the pool still being
        // entered, or membership absent) the pool's list says nothing of the others, and a full pass
        // would deregister every node it does not list
        reconciler = new LeaderReconciler(() -> node.leading() && pool().map(Membership::entered).orElse(false),
                () -> pool().map(m -> m.members(false)).orElse(List.of()), node.state(), catalog, invalidator, leadership);
        pool().ifPresent(m -> m.addListener(reconciler));
        Autopilot autopilot = new Autopilot(node, this::knownServers,
                this::memberStatus, config.bootstrapExpect());
        leadership.scheduleWithFixedDelay(reconciler::tick, 0, LEADERSHIP_POLL.toMillis(), TimeUnit.MILLISECONDS);
        leadership.scheduleWithFixedDelay(invalidator::tick, 0, LEADERSHIP_POLL.toMillis(), TimeUnit.MILLISECONDS);
        leadership.scheduleWithFixedDelay(reconciler::periodic, RECONCILE_INTERVAL.toMillis(),
                RECONCILE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        leadership.scheduleWithFixedDelay(autopilot::tick, AUTOPILOT_INTERVAL.toMillis(),
                AUTOPILOT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        TombstoneReaper reaper = new TombstoneReaper(node::leading, node.state(), node);
        leadership.scheduleWithFixedDelay(reaper::tick, 0, TombstoneReaper.GRANULARITY.toMillis(), TimeUnit.MILLISECONDS);
        registrations.add(context.registerService(RouteProvider.class,
                new OperatorEndpoint(node, node, node::matchIndexes, leadership), null));
        SessionStore sessions = new ReplicatedSessionStore(node.state(), node, new BlockingQuery(wakeups));
        registrations.add(context.registerService(SessionStore.class, sessions, null));
        registrations.add(context.registerService(RouteProvider.class,
                new SessionEndpoint(sessions, config.nodeName(), config.sessionTtlMin()), null));
        registrations.add(context.registerService(RouteProvider.class, new TxnEndpoint(node.state(), node), null));
        registrations.add(context.registerService(RouteProvider.class,
                new SnapshotEndpoint(node.state(), node, () -> node.status().term(), Clock.systemUTC()), null));
        if (config.autoEncrypt().allowTls()) {
            autoEncrypt(config, context);
        }
    }

    /**
     * {@code auto_encrypt.allow_tls}: the leader makes the CA when the state has none, every
     * server publishes it once its state holds it (its RPC listener then trusts it) and signs
     * client agents' requests with it.
     */
    private void autoEncrypt(AgentConfig config, BundleContext context) {
        StoreState state = node.state();
        registrations.add(context.registerService(RouteProvider.class, new AutoEncryptSigning(state::autoEncryptCa,
                authority, config.datacenter(), config.domain(), AutoEncryptSigning.LEAF_VALIDITY), null));
        AutoEncryptCaLeader caLeader = new AutoEncryptCaLeader(node::leading, state, node,
                () -> authority.create(config.datacenter(), RaftTls.domain(config)),
                ca -> publishCa(ca.certificatePem(), context));
        leadership.scheduleWithFixedDelay(caLeader::tick, 0, LEADERSHIP_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void publishCa(String rootPem, BundleContext context) {
        if (stopped) {
            return;
        }
        LOG.info("The auto_encrypt CA is in the replicated state: server RPC trusts it beside ca_file");
        AutoEncryptCa published = () -> rootPem;
        registrations.add(context.registerService(AutoEncryptCa.class, published, null));
    }

    private void withdrawNoGroupYet() {
        if (noGroupYet != null) {
            noGroupYet.unregister();
            noGroupYet = null;
        }
    }

    /** The LAN pool, followed by the leader's reconciler; it may come and go without restarting Raft. */
    @Reference(name = "membership", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbindMembership")
    synchronized void bindMembership(Membership pool) {
        membership = pool;
        if (reconciler != null) {
            pool.addListener(reconciler);
        }
    }

    synchronized void unbindMembership(Membership pool) {
        if (reconciler != null) {
            pool.removeListener(reconciler);
        }
        if (membership == pool) {
            membership = null;
        }
    }

    private synchronized Optional<Membership> pool() {
        return Optional.ofNullable(membership);
    }

    private Optional<MemberStatus> memberStatus(String node) {
        return pool().flatMap(m -> m.members(false).stream().filter(member -> member.name().equals(node)).findFirst())
                .map(Member::status);
    }

    /**
     * New Raft handshakes use the reloaded certificate, key and CA; turning TLS on or off, or a
     * new tls_min_version, takes a restart (Ratis builds its transport once).
     */
    private void reloadTls(AgentConfig config) {
        if (raftTls.isEmpty()) {
            return;
        }
        try {
            raftTls.get().reload(config.tls().internalRpc());
            LOG.info("Raft TLS certificates reloaded");
        } catch (TlsException e) {
            LOG.error("Raft keeps its previous certificates: {}", e.getMessage());
        }
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        stopped = true;
        configService.removeListener(reloadTls);
        if (reconciler != null && membership != null) {
            membership.removeListener(reconciler);
        }
        if (bootstrap != null) {
            bootstrap.shutdownNow();
        }
        withdrawNoGroupYet();
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (leadership != null) {
                leadership.shutdownNow();
            }
            if (wakeups != null) {
                wakeups.shutdownNow();
            }
            if (devStorage != null) {
                deleteTree(devStorage);
            }
        }
    }

    /** A -dev server keeps nothing. */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
