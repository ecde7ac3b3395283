package io.cairn.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.catalog.Deregistration;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.NodeServices;
import io.cairn.api.catalog.Registration;
import io.cairn.api.catalog.Service;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.agent.LocalState.CheckState;
import io.cairn.agent.LocalState.ServiceState;
import io.cairn.agent.LocalState.Snapshot;

/**
 * Keeps the catalog's view of this node equal to {@link LocalState} (Consul's agent/ae):
 * changes are pushed at once ({@link #syncChanges}); a full sync compares with the catalog
 * every minute (longer in big clusters), with jitter so a data centre's agents do not all
 * ask at once, and again after {@value #RETRY_SECONDS} s when a pass failed.
 *
 * <p>Passes run one at a time on the worker executor (single-threaded in production). While
 * no {@link Catalog} is bound (a client agent before its servers are reachable) passes do
 * nothing; binding one starts a full sync.
 */
public final class AntiEntropy {

    private static final Logger LOG = LoggerFactory.getLogger(AntiEntropy.class);

    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int RETRY_SECONDS = 15;
    /** Consul stops scaling the interval up to this many nodes. */
    private static final int SCALE_THRESHOLD = 128;
    /** How long one catalog call may take before the pass is given up and retried. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final QueryOptions NOW = new QueryOptions(Optional.empty(), Optional.empty(), Consistency.DEFAULT,
            0, Duration.ZERO, Optional.empty(), Optional.empty(), Map.of());

    private final LocalState state;
    private final Supplier<LocalNode> node;
    private final Executor worker;
    private final Timers timers;
    private final IntSupplier clusterSize;
    private final Random random;

    private volatile Catalog catalog;
    private final List<CompletableFuture<Void>> waitingForPush = new ArrayList<>();
    private boolean pushQueued;
    private Runnable cancelNextFullSync = () -> { };
    private boolean stopped;

    public AntiEntropy(LocalState state, Supplier<LocalNode> node, Executor worker, Timers timers,
                       IntSupplier clusterSize, Random random) {
        this.state = state;
        this.node = node;
        this.worker = worker;
        this.timers = timers;
        this.clusterSize = clusterSize;
        this.random = random;
    }

    /** Binds the catalog (null to unbind); a newly bound catalog gets a full sync at once. */
    public void setCatalog(Catalog newCatalog) {
        this.catalog = newCatalog;
        if (newCatalog != null) {
            scheduleFullSync(Duration.ZERO);
        }
    }

    /** Starts the periodic full syncs, the first one at once. */
    public void start() {
        scheduleFullSync(Duration.ZERO);
    }

    public synchronized void stop() {
        stopped = true;
        cancelNextFullSync.run();
    }

    /** The node's registration is out of date (config reload): push it with the next pass. */
    public CompletionStage<Void> nodeChanged() {
        state.nodeSynced(false);
        return syncChanges();
    }

    /**
     * Pushes every change not yet in the catalog. The stage completes when a pass that began
     * after this call has ended, whether or not it reached the catalog: a failed pass is
     * retried by the next full sync, as Consul does.
     */
    public CompletionStage<Void> syncChanges() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queue;
        synchronized (this) {
            waitingForPush.add(done);
            queue = !pushQueued;
            pushQueued = true;
        }
        if (queue) {
            worker.execute(this::pushPass);
        }
        return done;
    }

    private void pushPass() {
        List<CompletableFuture<Void>> served;
        synchronized (this) {
            pushQueued = false;
            served = List.copyOf(waitingForPush);
            waitingForPush.clear();
        }
        try {
            pushChanges();
        } catch (SyncFailure e) {
            LOG.warn("Syncing changes to the catalog failed, retrying in {} s: {}", RETRY_SECONDS, e.getMessage());
            scheduleFullSync(retryDelay());
        } finally {
            served.forEach(f -> f.complete(null));
        }
    }

    private void fullSyncPass() {
        try {
            fullSync();
            scheduleFullSync(fullSyncDelay());
        } catch (SyncFailure e) {
            LOG.warn("Full sync with the catalog failed, retrying in {} s: {}", RETRY_SECONDS, e.getMessage());
            scheduleFullSync(retryDelay());
        }
    }

    private synchronized void scheduleFullSync(Duration delay) {
        if (stopped) {
            return;
        }
        cancelNextFullSync.run();
        cancelNextFullSync = timers.schedule(delay, () -> worker.execute(this::fullSyncPass));
    }

    /** Compares the catalog's entries for this node with the local state, then pushes the differences. */
    void fullSync() throws SyncFailure {
        Catalog bound = catalog;
        if (bound == null) {
            return;
        }
        LocalNode self = node.get();
        Optional<NodeServices> remote = await(bound.node(self.name(), NOW)).value();
        List<HealthCheck> remoteChecks = await(bound.nodeChecks(self.name(), NOW)).value();
        Map<String, HealthCheck> checksById = new LinkedHashMap<>();
        remoteChecks.forEach(c -> checksById.put(c.checkId(), c));
        state.compareWithCatalog(remote.map(NodeServices::services).orElse(Map.of()), checksById,
                remote.map(n -> self.matches(n.node())).orElse(false));
        pushChanges();
    }

    /** Pushes every entry out of sync: tombstones removed, services with their checks, lone checks, the node. */
    void pushChanges() throws SyncFailure {
        Catalog bound = catalog;
        if (bound == null) {
            return;
        }
        LocalNode self = node.get();
        Snapshot snapshot = state.snapshot();
        boolean nodeWritten = false;
        for (ServiceState s : snapshot.services().values()) {
            if (s.inSync()) {
                continue;
            }
            if (s.deleted()) {
                await(bound.deregister(Deregistration.service(self.name(), s.service().id())));
                state.serviceSynced(s);
                continue;
            }
            List<CheckState> itsChecks = snapshot.checks().values().stream()
                    .filter(c -> !c.deleted() && c.check().serviceId().equals(s.service().id())).toList();
            await(bound.register(registration(self, Optional.of(s.service()),
                    itsChecks.stream().map(CheckState::check).toList())));
            state.serviceSynced(s);
            itsChecks.forEach(state::checkSynced);
            nodeWritten = true;
        }
        for (CheckState c : state.snapshot().checks().values()) {
            if (c.inSync()) {
                continue;
            }
            if (c.deleted()) {
                await(bound.deregister(Deregistration.check(self.name(), c.check().checkId())));
            } else {
                await(bound.register(registration(self, Optional.empty(), List.of(c.check()))));
                nodeWritten = true;
            }
            state.checkSynced(c);
        }
        if (!snapshot.nodeInSync() && !nodeWritten) {
            await(bound.register(registration(self, Optional.empty(), List.of())));
        }
        state.nodeSynced(true);
    }

    private static Registration registration(LocalNode self, Optional<Service> service, List<HealthCheck> checks) {
        return new Registration(self.id(), self.name(), self.address(), self.datacenter(), self.taggedAddresses(),
                self.meta(), service, Optional.empty(), checks, false);
    }

    /** Consul's interval: one minute up to 128 nodes, one more per doubling beyond. */
    static Duration fullSyncInterval(int clusterSize) {
        return INTERVAL.multipliedBy(scaleFactor(clusterSize));
    }

    static int scaleFactor(int clusterSize) {
        if (clusterSize <= SCALE_THRESHOLD) {
            return 1;
        }
        return (int) Math.ceil(Math.log(clusterSize) / Math.log(2) - Math.log(SCALE_THRESHOLD) / Math.log(2)) + 1;
    }

    private Duration fullSyncDelay() {
        return INTERVAL.plus(stagger(fullSyncInterval(clusterSize.getAsInt())));
    }

    private Duration retryDelay() {
        return Duration.ofSeconds(RETRY_SECONDS).plus(stagger(Duration.ofSeconds(RETRY_SECONDS)));
    }

    /** A random part of {@code upTo}, so agents started together spread their syncs. */
    private Duration stagger(Duration upTo) {
        return Duration.ofMillis((long) (random.nextDouble() * upTo.toMillis()));
    }

    private static <T> T await(CompletionStage<T> stage) throws SyncFailure {
        try {
            return stage.toCompletableFuture().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SyncFailure(describe(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new SyncFailure("no answer from the catalog in " + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailure("interrupted", e);
        }
    }

    /** A pass that could not reach or convince the catalog; the next full sync tries again. */
    /** What went wrong, for the log: the innermost message, or the failure's kind when it has none. */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    static final class SyncFailure extends Exception {
        private static final long serialVersionUID = 1L;

        SyncFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
