package io.cairn.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.config.GoDuration;

/**
 * Runs the agent's checks with whatever {@link CheckType}s are installed, and hands every
 * status that should be shown to {@link Results}.
 *
 * <p>Each check runs once per period (at least {@value #MIN_INTERVAL_SECONDS} s), the first
 * run at a random point of its first period so checks registered together do not fire
 * together; runs go to a bounded worker pool, one at a time per check, cut off at the
 * timeout (10 s unless given). Results pass Consul's thresholds
 * ({@code SuccessBeforePassing}, {@code FailuresBeforeWarning}, {@code FailuresBeforeCritical})
 * and the output cap (4 KB unless {@code OutputMaxSize}). A check whose type is not
 * installed (after a grace of a few seconds at start) is critical and says which type is
 * missing; installing the type starts it,
 * uninstalling stops only the checks of that type. Passive types (TTL) run only when no
 * update came within a period.
 *
 * <p>Synchronized on this object; {@link Results} is called without the lock held.
 */
public final class CheckRunner {

    static final int MIN_INTERVAL_SECONDS = 1;
    static final Duration MIN_INTERVAL = Duration.ofSeconds(MIN_INTERVAL_SECONDS);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_OUTPUT_MAX = 4096;
    /**
     * How long a check waits for its type before it is reported missing: at boot the agent
     * and the bundles of check types start in no fixed order, and a healthy check must not
     * flap to critical on every start.
     */
    static final Duration MISSING_TYPE_GRACE = Duration.ofSeconds(5);

    /** Where statuses go: the local state, and from there the catalog. */
    @FunctionalInterface
    public interface Results {
        void update(String checkId, CheckResult result);
    }

    private final Timers timers;
    private final Executor workers;
    private final Clock clock;
    private final Results results;
    private final Random random;
    private final Map<String, List<CheckType>> types = new HashMap<>();
    private final Map<String, Monitor> monitors = new LinkedHashMap<>();

    public CheckRunner(Timers timers, Executor workers, Clock clock, Results results, Random random) {
        this.timers = timers;
        this.workers = workers;
        this.clock = clock;
        this.results = results;
        this.random = random;
    }

    /** A check type was installed: checks waiting for it start. */
    public void addType(String name, CheckType type) {
        synchronized (this) {
            List<CheckType> installed = types.computeIfAbsent(name, n -> new ArrayList<>());
            installed.add(type);
            if (installed.size() > 1) {
                return;
            }
            monitors.values().stream().filter(m -> m.typeName.equals(name)).forEach(m -> m.begin(type));
        }
    }

    /** A check type went away: its checks stop and turn critical, or move to another of the same name. */
    public void removeType(String name, CheckType type) {
        List<Monitor> orphans = new ArrayList<>();
        synchronized (this) {
            List<CheckType> installed = types.getOrDefault(name, List.of());
            boolean wasActive = !installed.isEmpty() && installed.get(0) == type;
            installed.remove(type);
            if (!wasActive) {
                return;
            }
            for (Monitor m : monitors.values()) {
                if (m.typeName.equals(name)) {
                    m.halt();
                    if (installed.isEmpty()) {
                        orphans.add(m);
                    } else {
                        m.begin(installed.get(0));
                    }
                }
            }
        }
        orphans.forEach(m -> results.update(m.checkId, missingType(name)));
    }

    /**
     * Starts running a check (restarting it if it ran already).
     *
     * @param current   its status now, shown to the type and kept until the first run
     * @param firstRun  when a passive check is due first (restored TTL state); empty for one period from now
     */
    public void start(String checkId, CheckDefinition definition, CheckResult current, Optional<Instant> firstRun) {
        String typeName = CheckType.typeOf(definition);
        synchronized (this) {
            stop(checkId);
            Monitor m = new Monitor(checkId, definition, typeName, current, firstRun);
            monitors.put(checkId, m);
            List<CheckType> installed = types.getOrDefault(typeName, List.of());
            if (installed.isEmpty()) {
                m.cancel = timers.schedule(MISSING_TYPE_GRACE, () -> reportMissing(m));
            } else {
                m.begin(installed.get(0));
            }
        }
    }

    private void reportMissing(Monitor m) {
        synchronized (this) {
            if (monitors.get(m.checkId) != m || m.type != null) {
                return;
            }
        }
        results.update(m.checkId, missingType(m.typeName));
    }

    public synchronized void stop(String checkId) {
        Monitor m = monitors.remove(checkId);
        if (m != null) {
            m.halt();
        }
    }

    public synchronized void stopAll() {
        monitors.values().forEach(Monitor::halt);
        monitors.clear();
    }

    /** True when the check runs with an installed passive type, so its status may be set from outside. */
    public synchronized boolean acceptsUpdates(String checkId) {
        Monitor m = monitors.get(checkId);
        return m != null && m.type != null && m.type.passive();
    }

    /** The status a passive check was just told; its next run moves one period away. */
    public synchronized void updated(String checkId, CheckResult result) {
        Monitor m = monitors.get(checkId);
        if (m != null && m.type != null && m.type.passive()) {
            m.current = result;
            m.halt();
            m.schedule(m.period());
        }
    }

    /** The output as shown: cut at the check's {@code OutputMaxSize}, 4 KB unless given. */
    static String capped(CheckDefinition definition, String output) {
        int max = definition != null && definition.outputMaxSize() > 0 ? definition.outputMaxSize() : DEFAULT_OUTPUT_MAX;
        return output.length() <= max ? output : output.substring(0, max);
    }

    private static CheckResult missingType(String typeName) {
        return CheckResult.critical("Check type \"" + typeName + "\" is not installed on this agent");
    }

    /** One running check; guarded by the runner's lock. */
    private final class Monitor {
        final String checkId;
        final CheckDefinition definition;
        final String typeName;
        CheckType type;
        CheckResult current;
        /** When a restored passive check is due first; used once. */
        Optional<Instant> firstRun;
        Runnable cancel = () -> { };
        /** Bumped on every halt, so a run that outlives its monitor's configuration is ignored. */
        long generation;
        boolean running;
        int successes;
        int failures;

        Monitor(String checkId, CheckDefinition definition, String typeName, CheckResult current,
                Optional<Instant> firstRun) {
            this.checkId = checkId;
            this.definition = definition;
            this.typeName = typeName;
            this.current = current;
            this.firstRun = firstRun;
        }

        Duration period() {
            Duration period = type.period(definition);
            if (period == null || period.isNegative() || period.isZero()) {
                return MIN_INTERVAL;
            }
            return type.passive() || period.compareTo(MIN_INTERVAL) >= 0 ? period : MIN_INTERVAL;
        }

        Duration timeout() {
            Duration t = definition.timeout();
            return t == null || t.isZero() || t.isNegative() ? DEFAULT_TIMEOUT : t;
        }

        void begin(CheckType newType) {
            cancel.run();
            type = newType;
            Duration period = period();
            Duration first = newType.passive()
                    ? firstRun.map(at -> Duration.between(clock.instant(), at)).orElse(period)
                    : Duration.ofMillis((long) (random.nextDouble() * period.toMillis()));
            firstRun = Optional.empty();
            schedule(first);
        }

        void halt() {
            generation++;
            running = false;
            cancel.run();
            cancel = () -> { };
        }

        void schedule(Duration delay) {
            long expected = generation;
            cancel = timers.schedule(delay, () -> runOnce(expected));
        }

        private void runOnce(long expected) {
            CheckType runWith;
            CheckContext context;
            synchronized (CheckRunner.this) {
                if (generation != expected || running || monitors.get(checkId) != this) {
                    return;
                }
                running = true;
                runWith = type;
                context = new RunContext(checkId, timeout(), current, clock);
            }
            CompletableFuture<CheckResult> outcome = new CompletableFuture<>();
            Runnable cancelTimeout = timers.schedule(context.timeout(), () -> outcome.complete(
                    CheckResult.critical("Timed out (" + GoDuration.format(context.timeout()) + ") running check")));
            workers.execute(() -> {
                try {
                    runWith.run(definition, context).whenComplete((result, failure) -> outcome.complete(
                            failure != null ? CheckResult.critical(String.valueOf(failure.getMessage()))
                                    : result == null ? CheckResult.critical("check returned no result") : result));
                } catch (RuntimeException e) {
                    outcome.complete(CheckResult.critical(String.valueOf(e.getMessage())));
                }
            });
            outcome.thenAccept(result -> {
                cancelTimeout.run();
                finish(expected, result);
            });
        }

        private void finish(long expected, CheckResult raw) {
            Optional<CheckResult> shown;
            synchronized (CheckRunner.this) {
                if (generation != expected || monitors.get(checkId) != this) {
                    return;
                }
                running = false;
                CheckResult result = new CheckResult(raw.status(), capped(definition, raw.output()));
                shown = type.passive() ? Optional.of(result) : throughThresholds(result);
                shown.ifPresent(r -> current = r);
                if (!type.passive()) {
                    schedule(period());
                }
            }
            shown.ifPresent(r -> results.update(checkId, r));
        }

        /** Consul's status handler: a status shows only after enough runs in a row agree. */
        private Optional<CheckResult> throughThresholds(CheckResult result) {
            if (result.status() == HealthStatus.PASSING || result.status() == HealthStatus.WARNING) {
                successes++;
                failures = 0;
                return successes >= definition.successBeforePassing() ? Optional.of(result) : Optional.empty();
            }
            successes = 0;
            failures++;
            if (failures >= definition.failuresBeforeCritical()) {
                return Optional.of(result);
            }
            int beforeWarning = definition.failuresBeforeWarning() > 0
                    ? definition.failuresBeforeWarning() : definition.failuresBeforeCritical();
            return failures >= beforeWarning ? Optional.of(CheckResult.warning(result.output())) : Optional.empty();
        }
    }

    private record RunContext(String checkId, Duration timeout, CheckResult current, Clock clock)
            implements CheckContext {
    }
}
