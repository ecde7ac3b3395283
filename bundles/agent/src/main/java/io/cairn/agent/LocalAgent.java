package io.cairn.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.agent.LocalState.CheckState;
import io.cairn.agent.LocalState.Source;
import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthCheckDefinition;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Service;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.config.GoDuration;
import io.cairn.api.config.ServiceDefinition;
import io.cairn.api.http.HttpException;

/**
 * The agent's registrations (Consul's {@code Agent.AddService}, {@code AddCheck}...): gives
 * checks their ids, names and first statuses, keeps {@link LocalState}, the
 * {@link CheckRunner}, the data dir and the catalog ({@link AntiEntropy}) in step. Writes
 * answer once the change was pushed to the catalog (or the push failed and was left to the
 * next full sync).
 */
public final class LocalAgent {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAgent.class);

    public static final String NODE_MAINTENANCE_ID = "_node_maintenance";
    public static final String SERVICE_MAINTENANCE_PREFIX = "_service_maintenance:";
    static final Duration MIN_DEREGISTER_AFTER = Duration.ofMinutes(1);
    /** How often the reaper looks for services critical for too long. */
    public static final Duration REAP_INTERVAL = Duration.ofSeconds(30);

    private final LocalState state;
    private final CheckRunner runner;
    private final AntiEntropy sync;
    private final AgentFiles files;
    private final Clock clock;
    private final Supplier<AgentConfig> config;
    /** When each check turned critical, for the {@code DeregisterCriticalServiceAfter} reaper. */
    private final Map<String, Instant> criticalSince = new ConcurrentHashMap<>();

    public LocalAgent(LocalState state, CheckRunner runner, AntiEntropy sync, AgentFiles files, Clock clock,
                      Supplier<AgentConfig> config) {
        this.state = state;
        this.runner = runner;
        this.sync = sync;
        this.files = files;
        this.clock = clock;
        this.config = config;
    }

    public LocalState state() {
        return state;
    }

    /** {@code PUT /v1/agent/service/register}: adds or replaces a service and its checks, and keeps it across restarts. */
    public CompletionStage<Void> registerService(AgentServiceRegistration body, boolean replaceExistingChecks)
            throws HttpException {
        Service service = Registrations.service(body);
        addService(service, Registrations.checks(body), replaceExistingChecks, Source.REMOTE);
        files.saveService(new AgentServiceRegistration(body.kind(), service.id(), body.name(), body.tags(), body.port(),
                body.address(), body.taggedAddresses(), body.enableTagOverride(), body.meta(), body.weights(),
                body.check(), body.checks()));
        return sync.syncChanges();
    }

    /**
     * Adds or replaces a service. Its checks get ids {@code service:<id>} (one) or
     * {@code service:<id>:<n>} (several), the name {@code Service '<name>' check}, and start
     * critical unless they give a status; a check that already exists keeps its status and
     * output, so re-registering does not flap. Checks not in the list stay unless
     * {@code replaceExistingChecks}.
     */
    synchronized void addService(Service service, List<CheckDefinition> checks, boolean replaceExistingChecks,
                                 Source source) throws HttpException {
        for (CheckDefinition c : checks) {
            refuseScripts(c, source);
        }
        state.addService(service, source);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < checks.size(); i++) {
            CheckDefinition c = checks.get(i);
            String id = c.id() != null ? c.id()
                    : "service:" + service.id() + (checks.size() > 1 ? ":" + (i + 1) : "");
            String name = c.name() != null ? c.name() : "Service '" + service.service() + "' check";
            ids.add(id);
            addCheck(withIdentity(c, id, name, service.id()), Optional.of(service), source);
        }
        for (CheckState existing : state.checksOf(service.id())) {
            String id = existing.check().checkId();
            if (replaceExistingChecks && !ids.contains(id) && !isMaintenance(id)) {
                removeCheckInternal(id);
            } else if (!ids.contains(id)) {
                // the service's name or tags may have changed: its checks carry them
                HealthCheck c = existing.check();
                state.addCheck(new HealthCheck(c.node(), id, c.name(), c.status(), c.notes(), c.output(), c.serviceId(),
                        service.service(), service.tags(), c.type(), c.definition(), 0, 0),
                        existing.definition(), existing.source());
            }
        }
    }

    /** {@code PUT /v1/agent/service/deregister/:id}: removes the service and its checks; unknown ids are fine. */
    public CompletionStage<Void> deregisterService(String id) {
        synchronized (this) {
            state.checksOf(id).forEach(c -> removeCheckInternal(c.check().checkId()));
            state.removeService(id);
            files.deleteService(id);
        }
        return sync.syncChanges();
    }

    /** {@code PUT /v1/agent/check/register}: a check of the node or of a registered service. */
    public CompletionStage<Void> registerCheck(AgentCheckRegistration body) throws HttpException {
        CheckDefinition c = body.toDefinition();
        if (c.name() == null) {
            throw HttpException.badRequest("Missing check name");
        }
        if (c.status() != null && HealthStatus.ofWireName(c.status()).isEmpty()) {
            throw HttpException.badRequest("Bad check status");
        }
        Registrations.validate(c);
        String id = c.id() != null ? c.id() : c.name();
        synchronized (this) {
            Optional<Service> service = Optional.empty();
            if (c.serviceId() != null) {
                service = state.service(c.serviceId());
                if (service.isEmpty()) {
                    throw HttpException.notFound("ServiceID \"" + c.serviceId() + "\" does not exist");
                }
            }
            addCheck(withIdentity(c, id, c.name(), c.serviceId()), service, Source.REMOTE);
            files.saveCheck(withId(body, id));
        }
        return sync.syncChanges();
    }

    /** {@code PUT /v1/agent/check/deregister/:id}; unknown ids are fine, as in Consul. */
    public CompletionStage<Void> deregisterCheck(String id) {
        synchronized (this) {
            removeCheckInternal(id);
        }
        return sync.syncChanges();
    }

    /**
     * {@code /v1/agent/check/pass|warn|fail/:id} and {@code update}: sets a TTL check's status,
     * restarts its TTL and records both in the data dir, so a restart does not flap it.
     */
    public CompletionStage<Void> updateTtl(String id, HealthStatus status, String output) throws HttpException {
        synchronized (this) {
            Optional<CheckState> check = state.check(id);
            if (check.isEmpty() || !runner.acceptsUpdates(id)) {
                throw HttpException.notFound("Unknown check ID \"" + id
                        + "\". Ensure that the check ID is passed, not the check name.");
            }
            CheckDefinition definition = check.get().definition();
            CheckResult result = new CheckResult(status, CheckRunner.capped(definition, output));
            runner.updated(id, result);
            setStatus(id, result);
            Instant expires = clock.instant().plus(definition.ttl());
            files.saveTtl(new AgentFiles.TtlState(id, status.toString(), result.output(), expires.toEpochMilli()));
        }
        return sync.syncChanges();
    }

    /** What the runner found: shown at once and pushed to the catalog. */
    public void checkResult(String id, CheckResult result) {
        if (setStatus(id, result)) {
            sync.syncChanges();
        }
    }

    /** {@code PUT /v1/agent/service/maintenance/:id}: a critical check that takes the service out of DNS and ?passing. */
    public CompletionStage<Void> serviceMaintenance(String serviceId, boolean enable, String reason)
            throws HttpException {
        synchronized (this) {
            if (state.service(serviceId).isEmpty()) {
                throw HttpException.notFound("No service registered with ID \"" + serviceId + "\"");
            }
            if (enable) {
                enableServiceMaintenance(serviceId, reason);
            } else {
                removeCheckInternal(SERVICE_MAINTENANCE_PREFIX + serviceId);
            }
        }
        return sync.syncChanges();
    }

    /** {@code PUT /v1/agent/maintenance}: a critical node check that takes every service here out. */
    public CompletionStage<Void> nodeMaintenance(boolean enable, String reason) {
        synchronized (this) {
            if (enable) {
                enableNodeMaintenance(reason);
            } else {
                removeCheckInternal(NODE_MAINTENANCE_ID);
            }
        }
        return sync.syncChanges();
    }

    private void enableServiceMaintenance(String serviceId, String reason) {
        Service service = state.service(serviceId).orElseThrow();
        String checkId = SERVICE_MAINTENANCE_PREFIX + serviceId;
        String notes = reason == null || reason.isEmpty()
                ? "Maintenance mode is enabled for this service, but no reason was provided. This is a default message."
                : reason;
        state.addCheck(new HealthCheck(config.get().nodeName(), checkId, "Service Maintenance Mode",
                HealthStatus.CRITICAL, notes, "", serviceId, service.service(), service.tags(),
                "maintenance", HealthCheckDefinition.NONE, 0, 0), null, Source.LOCAL);
        files.saveMaintenance(new AgentFiles.Maintenance(checkId, serviceId, reason == null ? "" : reason));
    }

    private void enableNodeMaintenance(String reason) {
        String notes = reason == null || reason.isEmpty()
                ? "Maintenance mode is enabled for this node, but no reason was provided. This is a default message."
                : reason;
        state.addCheck(new HealthCheck(config.get().nodeName(), NODE_MAINTENANCE_ID, "Node Maintenance Mode",
                HealthStatus.CRITICAL, notes, "", "", "", List.of(), "maintenance", HealthCheckDefinition.NONE,
                0, 0), null, Source.LOCAL);
        files.saveMaintenance(new AgentFiles.Maintenance(NODE_MAINTENANCE_ID, "", reason == null ? "" : reason));
    }

    /**
     * Puts the node and services back in the maintenance mode they were in before the last
     * stop; call once the services of the data dir and the config files are back. A service
     * that is gone takes its maintenance entry with it.
     */
    public synchronized void restoreMaintenance() {
        for (AgentFiles.Maintenance m : files.maintenance()) {
            if (m.serviceId().isEmpty()) {
                enableNodeMaintenance(m.reason());
            } else if (state.service(m.serviceId()).isPresent()) {
                enableServiceMaintenance(m.serviceId(), m.reason());
            } else {
                LOG.info("Not restoring maintenance mode of service \"{}\": it is no longer registered", m.serviceId());
                files.deleteCheck(m.checkId());
            }
        }
    }

    /** Maintenance checks belong to the maintenance switch, not to a service's check list. */
    static boolean isMaintenance(String checkId) {
        return checkId.equals(NODE_MAINTENANCE_ID) || checkId.startsWith(SERVICE_MAINTENANCE_PREFIX);
    }

    /** Brings back what was registered over HTTP before the last stop; entries that no longer validate are skipped. */
    public void loadPersisted() {
        for (AgentServiceRegistration s : files.services()) {
            try {
                addService(Registrations.service(s), Registrations.checks(s), false, Source.REMOTE);
            } catch (HttpException e) {
                LOG.warn("Not restoring service {}: {}", s.id(), e.getMessage());
            }
        }
        for (AgentCheckRegistration c : files.checks()) {
            try {
                registerCheck(c);
            } catch (HttpException e) {
                LOG.warn("Not restoring check {}: {}", c.id(), e.getMessage());
            }
        }
    }

    /**
     * Applies the services and checks of the config files: at start, and after each reload,
     * when those no longer in the files go and the others are re-added (keeping their
     * statuses); what was registered over HTTP is not touched.
     */
    public synchronized void applyConfig(AgentConfig newConfig) {
        Set<String> serviceIds = new HashSet<>();
        for (ServiceDefinition d : newConfig.services()) {
            Service service = Registrations.service(d);
            serviceIds.add(service.id());
            try {
                List<CheckDefinition> checks = new ArrayList<>();
                for (CheckDefinition c : d.checks()) {
                    Registrations.validate(c);
                    checks.add(c);
                }
                addService(service, checks, true, Source.LOCAL);
            } catch (HttpException e) {
                LOG.error("Failed to register service \"{}\": {}", service.id(), e.getMessage());
            }
        }
        Set<String> checkIds = new HashSet<>();
        for (CheckDefinition c : newConfig.checks()) {
            String id = c.id() != null ? c.id() : c.name();
            checkIds.add(id);
            try {
                Registrations.validate(c);
                Optional<Service> service = c.serviceId() == null ? Optional.empty() : state.service(c.serviceId());
                addCheck(withIdentity(c, id, c.name(), c.serviceId()), service, Source.LOCAL);
            } catch (HttpException e) {
                LOG.error("Failed to register check \"{}\": {}", id, e.getMessage());
            }
        }
        state.services().keySet().stream()
                .filter(id -> state.serviceState(id).map(s -> s.source() == Source.LOCAL).orElse(false))
                .filter(id -> !serviceIds.contains(id)).toList()
                .forEach(id -> {
                    state.checksOf(id).forEach(c -> removeCheckInternal(c.check().checkId()));
                    state.removeService(id);
                });
        state.checks().values().stream()
                .filter(c -> c.source() == Source.LOCAL && c.definition() != null && c.check().serviceId().isEmpty())
                .filter(c -> !checkIds.contains(c.check().checkId())).toList()
                .forEach(c -> removeCheckInternal(c.check().checkId()));
        sync.nodeChanged();
    }

    /**
     * Deregisters every service with a check critical for longer than its
     * {@code DeregisterCriticalServiceAfter} (at least a minute); called every 30 s.
     */
    public void reapCriticalServices() {
        Instant now = clock.instant();
        List<String> doomed = new ArrayList<>();
        for (CheckState c : state.checks().values()) {
            Duration after = c.definition() == null ? null : c.definition().deregisterCriticalServiceAfter();
            Instant since = criticalSince.get(c.check().checkId());
            if (after == null || after.isZero() || since == null || c.check().serviceId().isEmpty()) {
                continue;
            }
            Duration limit = after.compareTo(MIN_DEREGISTER_AFTER) < 0 ? MIN_DEREGISTER_AFTER : after;
            if (!since.plus(limit).isAfter(now)) {
                doomed.add(c.check().serviceId());
            }
        }
        doomed.stream().distinct().forEach(id -> {
            LOG.info("Deregistering service \"{}\": a check was critical for longer than DeregisterCriticalServiceAfter", id);
            deregisterService(id);
        });
    }

    /** Stops every check, for the agent's shutdown. */
    public void close() {
        runner.stopAll();
    }

    private void addCheck(CheckDefinition c, Optional<Service> service, Source source) throws HttpException {
        refuseScripts(c, source);
        String id = c.id();
        CheckResult current = state.check(id).map(s -> new CheckResult(s.check().status(), s.check().output()))
                .orElseGet(() -> CheckResult.critical(""));
        boolean existed = state.check(id).isPresent();
        Optional<AgentFiles.TtlState> saved = existed ? Optional.empty() : files.ttl(id)
                .filter(t -> Instant.ofEpochMilli(t.expiresAtMillis()).isAfter(clock.instant()));
        if (!existed) {
            HealthStatus initial = c.status() == null ? HealthStatus.CRITICAL
                    : HealthStatus.ofWireName(c.status()).orElse(HealthStatus.CRITICAL);
            current = saved.map(t -> new CheckResult(HealthStatus.ofWireName(t.status()).orElse(HealthStatus.CRITICAL),
                    t.output())).orElse(new CheckResult(initial, ""));
        }
        state.addCheck(new HealthCheck(config.get().nodeName(), id, c.name(), current.status(),
                c.notes() == null ? "" : c.notes(), current.output(), service.map(Service::id).orElse(""),
                service.map(Service::service).orElse(""), service.map(Service::tags).orElse(List.of()),
                CheckType.typeOf(c), displayed(c), 0, 0), c, source);
        noteStatus(id, current.status());
        runner.start(id, c, current, saved.map(t -> Instant.ofEpochMilli(t.expiresAtMillis())));
    }

    private void removeCheckInternal(String id) {
        runner.stop(id);
        state.removeCheck(id);
        criticalSince.remove(id);
        files.deleteCheck(id);
    }

    private boolean setStatus(String id, CheckResult result) {
        boolean known = state.updateCheck(id, result.status(), result.output());
        if (known) {
            noteStatus(id, result.status());
        }
        return known;
    }

    private void noteStatus(String id, HealthStatus status) {
        if (status == HealthStatus.CRITICAL) {
            criticalSince.putIfAbsent(id, clock.instant());
        } else {
            criticalSince.remove(id);
        }
    }

    /** Script checks run commands: only when the operator allowed it, and never from HTTP unless {@code enable_script_checks}. */
    private void refuseScripts(CheckDefinition c, Source source) throws HttpException {
        String type = CheckType.typeOf(c);
        if (!type.equals("script") && !type.equals("docker")) {
            return;
        }
        AgentConfig current = config.get();
        if (source == Source.REMOTE && !current.enableScriptChecks()) {
            throw new HttpException(403, "Scripts are disabled on this agent from remote calls; to enable, "
                    + "configure 'enable_script_checks' to true");
        }
        if (source == Source.LOCAL && !current.enableScriptChecks() && !current.enableLocalScriptChecks()) {
            throw new HttpException(403, "Scripts are disabled on this agent; to enable, configure "
                    + "'enable_script_checks' or 'enable_local_script_checks' to true");
        }
    }

    private static CheckDefinition withIdentity(CheckDefinition c, String id, String name, String serviceId) {
        return new CheckDefinition(id, name, c.notes(), serviceId, c.status(), c.args(), c.http(), c.method(),
                c.header(), c.body(), c.tcp(), c.udp(), c.grpc(), c.grpcUseTls(), c.h2ping(), c.h2pingUseTls(),
                c.dockerContainerId(),
                c.shell(), c.aliasNode(), c.aliasService(), c.tlsServerName(), c.tlsSkipVerify(), c.interval(),
                c.timeout(), c.ttl(), c.deregisterCriticalServiceAfter(), c.successBeforePassing(),
                c.failuresBeforeWarning(), c.failuresBeforeCritical(), c.outputMaxSize());
    }

    private static AgentCheckRegistration withId(AgentCheckRegistration b, String id) {
        return new AgentCheckRegistration(id, null, b.name(), b.notes(), b.serviceId(), b.status(), b.args(),
                b.scriptArgs(), b.http(), b.method(), b.header(), b.body(), b.tcp(), b.udp(), b.grpc(), b.grpcUseTls(),
                b.h2ping(), b.h2PingUseTls(), b.dockerContainerId(), b.shell(), b.aliasNode(), b.aliasService(), b.tlsServerName(),
                b.tlsSkipVerify(), b.interval(), b.timeout(), b.ttl(), b.deregisterCriticalServiceAfter(),
                b.successBeforePassing(), b.failuresBeforeWarning(), b.failuresBeforeCritical(), b.outputMaxSize());
    }

    /** How the check runs, as {@code /v1/agent/checks} and the catalog show it. */
    private static HealthCheckDefinition displayed(CheckDefinition c) {
        return new HealthCheckDefinition(Optional.ofNullable(c.http()), Optional.ofNullable(c.header()),
                Optional.ofNullable(c.method()), Optional.ofNullable(c.body()), Optional.ofNullable(c.tlsServerName()),
                c.tlsSkipVerify() ? Optional.of(true) : Optional.empty(), Optional.ofNullable(c.tcp()),
                Optional.ofNullable(c.udp()), Optional.ofNullable(c.grpc()),
                c.grpcUseTls() ? Optional.of(true) : Optional.empty(), format(c.interval()), format(c.timeout()),
                format(c.deregisterCriticalServiceAfter()));
    }

    private static Optional<String> format(Duration d) {
        return Optional.ofNullable(d).filter(x -> !x.isZero()).map(GoDuration::format);
    }
}
