package io.cairn.agent.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.cairn.agent.AgentFiles;
import io.cairn.agent.AgentGauges;
import io.cairn.agent.AgentServiceRoutes;
import io.cairn.agent.AntiEntropy;
import io.cairn.agent.CheckRunner;
import io.cairn.agent.EventRoutes;
import io.cairn.agent.LocalAgent;
import io.cairn.agent.LocalNode;
import io.cairn.agent.LocalState;
import io.cairn.agent.Timers;
import io.cairn.agent.UserEvents;
import io.cairn.api.catalog.Catalog;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.membership.Membership;
import io.cairn.api.membership.UserEventListener;
import io.cairn.api.metrics.Metrics;

/**
 * Wires the agent's local state, check runner and anti-entropy, and publishes their routes.
 * The catalog, the check types and the membership pool come and go as services: anti-entropy
 * waits while no catalog is bound, checks of a missing type are critical until it appears.
 */
@Component(immediate = true, service = RouteProvider.class)
public class LocalAgentComponent implements RouteProvider {

    /** Threads that start check runs; a slow check type holds one only until its timeout fires. */
    private static final int CHECK_WORKERS = 4;

    private final AgentConfigService configService;
    private final ScheduledExecutorService timers;
    private final ExecutorService workers;
    private final ExecutorService syncWorker;
    private final CheckRunner runner;
    private final AntiEntropy antiEntropy;
    private final LocalAgent agent;
    private final AgentServiceRoutes routes;
    private final UserEvents events;
    private final EventRoutes eventRoutes;
    private final UserEventListener eventListener;
    private final Consumer<AgentConfig> onReload;
    private volatile Membership membership;
    private final Map<Metrics, List<Metrics.Registration>> gauges = new java.util.concurrent.ConcurrentHashMap<>();
    private ServiceRegistration<LocalAgent> localAgentService;

    @Activate
    public LocalAgentComponent(@Reference AgentConfigService configService) {
        this.configService = configService;
        AgentConfig config = configService.current();
        timers = Executors.newScheduledThreadPool(1, named("cairn-agent-timers"));
        workers = Executors.newFixedThreadPool(CHECK_WORKERS, named("cairn-check"));
        syncWorker = Executors.newSingleThreadExecutor(named("cairn-anti-entropy"));
        LocalState state = new LocalState();
        Random random = new Random();
        antiEntropy = new AntiEntropy(state, () -> LocalNode.of(configService.current()), syncWorker,
                Timers.of(timers), this::clusterSize, random);
        LocalAgent[] self = new LocalAgent[1];
        runner = new CheckRunner(Timers.of(timers), workers, Clock.systemUTC(),
                (id, result) -> self[0].checkResult(id, result), random);
        agent = new LocalAgent(state, runner, antiEntropy, new AgentFiles(Path.of(config.dataDir())),
                Clock.systemUTC(), configService::current);
        self[0] = agent;
        routes = new AgentServiceRoutes(agent, configService::current);
        events = new UserEvents(state, () -> configService.current().nodeName());
        eventListener = events::received;
        eventRoutes = new EventRoutes(events, () -> Optional.ofNullable(membership));
        onReload = agent::applyConfig;
    }

    /**
     * Loads the registrations once the check types present at start are bound (they bind
     * after the constructor), so a restored TTL check is not first reported as of a missing type.
     */
    @Activate
    void start(BundleContext context) {
        agent.loadPersisted();
        agent.applyConfig(configService.current());
        agent.restoreMaintenance();
        configService.addListener(onReload);
        timers.scheduleWithFixedDelay(agent::reapCriticalServices, LocalAgent.REAP_INTERVAL.toSeconds(),
                LocalAgent.REAP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
        antiEntropy.start();
        // for this bundle's own shell commands (cairn:services, cairn:checks): LocalAgent is no API
        localAgentService = context.registerService(LocalAgent.class, agent, null);
    }

    @Deactivate
    void deactivate() {
        localAgentService.unregister();
        configService.removeListener(onReload);
        antiEntropy.stop();
        agent.close();
        timers.shutdownNow();
        workers.shutdownNow();
        syncWorker.shutdownNow();
    }

    @Override
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(routes.routes());
        all.addAll(eventRoutes.routes());
        return all;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCatalog(Catalog catalog) {
        antiEntropy.setCatalog(catalog);
    }

    void unbindCatalog(Catalog catalog) {
        antiEntropy.setCatalog(null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCheckType(CheckType type, Map<String, Object> properties) {
        Object name = properties.get(CheckType.TYPE_PROPERTY);
        if (name != null) {
            runner.addType(name.toString(), type);
        }
    }

    void unbindCheckType(CheckType type, Map<String, Object> properties) {
        Object name = properties.get(CheckType.TYPE_PROPERTY);
        if (name != null) {
            runner.removeType(name.toString(), type);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMembership(Membership pool) {
        pool.addEventListener(eventListener);
        membership = pool;
    }

    void unbindMembership(Membership pool) {
        pool.removeEventListener(eventListener);
        if (membership == pool) {
            membership = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMetrics(Metrics metrics) {
        gauges.put(metrics, AgentGauges.register(metrics, agent.state()));
    }

    void unbindMetrics(Metrics metrics) {
        List<Metrics.Registration> registered = gauges.remove(metrics);
        if (registered != null) {
            registered.forEach(Metrics.Registration::remove);
        }
    }

    private int clusterSize() {
        Membership pool = membership;
        return pool == null ? 1 : Math.max(1, pool.members(false).size());
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        };
    }
}
