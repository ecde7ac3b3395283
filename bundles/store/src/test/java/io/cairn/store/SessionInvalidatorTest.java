package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.kv.KvPut;
import io.cairn.api.session.NewSession;
import io.cairn.api.session.ServiceCheck;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;

/** Sessions die with their node's health: the leader destroys them through the log. */
class SessionInvalidatorTest {

    private StoreState state;
    private ReplicatedCatalog catalog;
    private ReplicatedSessionStore sessions;
    private ReplicatedKvStore kv;
    private final AtomicBoolean leading = new AtomicBoolean(true);
    private SessionInvalidator invalidator;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        LocalReplication log = new LocalReplication(state);
        BlockingQuery blocking = new BlockingQuery(Runnable::run);
        catalog = new ReplicatedCatalog(state, log, blocking, "dc1");
        sessions = new ReplicatedSessionStore(state, log, blocking);
        kv = new ReplicatedKvStore(state, log, blocking);
        invalidator = new SessionInvalidator(leading::get, state, log);
        catalog.register(CatalogFixtures.instance("node1", "web").withChecks(List.of(
                HealthCheck.serfHealth("node1", HealthStatus.PASSING, HealthCheck.SERF_HEALTH_ALIVE),
                CatalogFixtures.serviceCheck("web-node1", HealthStatus.PASSING))));
    }

    private String create(List<String> nodeChecks, List<ServiceCheck> serviceChecks) throws Exception {
        return sessions.create(new NewSession("", "node1", Duration.ZERO, SessionBehavior.RELEASE, Optional.empty(),
                nodeChecks, serviceChecks)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void setCheck(HealthCheck check) {
        catalog.register(CatalogFixtures.node("node1", "10.0.0.1").withChecks(List.of(check)));
    }

    private boolean alive(String session) {
        return state.session(session).value().isPresent();
    }

    @Test
    void aSessionDiesWhenItsNodesSerfHealthTurnsCriticalAndReleasesItsLocks() throws Exception {
        String session = create(List.of(Session.SERF_HEALTH), List.of());
        kv.acquire(KvPut.of("lock", "me".getBytes(StandardCharsets.UTF_8)), session);
        invalidator.tick();
        assertThat(alive(session)).as("healthy node: nothing happens").isTrue();

        setCheck(HealthCheck.serfHealth("node1", HealthStatus.CRITICAL, "Agent not live or unreachable"));
        invalidator.tick();

        assertThat(alive(session)).isFalse();
        assertThat(state.kvGet("lock").value().orElseThrow().session()).isEmpty();
    }

    @Test
    void aSessionDiesWithAListedServiceCheckAndIgnoresChecksItDoesNotList() throws Exception {
        String onService = create(List.of(), List.of(new ServiceCheck("service:web-node1", "")));
        String onNodeOnly = create(List.of(Session.SERF_HEALTH), List.of());

        setCheck(CatalogFixtures.serviceCheck("web-node1", HealthStatus.CRITICAL));
        invalidator.tick();

        assertThat(alive(onService)).isFalse();
        assertThat(alive(onNodeOnly)).isTrue();
    }

    @Test
    void aFollowerDestroysNothing() throws Exception {
        String session = create(List.of(Session.SERF_HEALTH), List.of());
        setCheck(HealthCheck.serfHealth("node1", HealthStatus.CRITICAL, "Agent not live or unreachable"));
        leading.set(false);

        invalidator.tick();

        assertThat(alive(session)).isTrue();
    }

    @Test
    void everySessionOfANodeEndsWhenTheNodeLeaves() throws Exception {
        String first = create(List.of(Session.SERF_HEALTH), List.of());
        String second = create(List.of(), List.of());

        invalidator.endSessionsOf("node1").get(5, TimeUnit.SECONDS);

        assertThat(alive(first)).isFalse();
        assertThat(alive(second)).isFalse();
    }
}
