package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.HealthCheck;
import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Node;
import io.cairn.api.catalog.ServiceInstance;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MemberTags;
import io.cairn.api.session.NewSession;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;

/** The leader keeps the catalog in step with the LAN pool: events at once, full passes to catch the rest. */
class LeaderReconcilerTest {

    private static final Member SERVER = new Member("server1", "10.0.0.1", 8301,
            Map.of(MemberTags.ROLE, MemberTags.ROLE_SERVER, MemberTags.SERVER_PORT, "8300", "id", "11111111-1111-1111-1111-111111111111"),
            MemberStatus.ALIVE);
    private static final Member CLIENT = new Member("client1", "10.0.0.2", 8301,
            Map.of(MemberTags.ROLE, MemberTags.ROLE_CLIENT, "id", "22222222-2222-2222-2222-222222222222"), MemberStatus.ALIVE);

    private StoreState state;
    private ReplicatedCatalog catalog;
    private ReplicatedSessionStore sessions;
    private final AtomicBoolean leading = new AtomicBoolean();
    private final List<Member> pool = new ArrayList<>(List.of(SERVER, CLIENT));
    private LeaderReconciler reconciler;

    @BeforeEach
    void setUp() {
        state = new StoreState(new MemoryStorageBackend().createTables(), new IndexWatches());
        LocalReplication log = new LocalReplication(state);
        catalog = new ReplicatedCatalog(state, log, new BlockingQuery(Runnable::run), "dc1");
        sessions = new ReplicatedSessionStore(state, log, new BlockingQuery(Runnable::run));
        reconciler = new LeaderReconciler(leading::get, () -> List.copyOf(pool), state, catalog,
                new SessionInvalidator(leading::get, state, log), Runnable::run);
    }

    private Optional<HealthCheck> serfHealth(String node) {
        return state.catalog().nodeChecks(node).value().stream()
                .filter(c -> c.checkId().equals(HealthCheck.SERF_HEALTH_ID)).findFirst();
    }

    private List<String> nodes() {
        return state.catalog().nodes(Map.of()).value().stream().map(Node::node).toList();
    }

    private String sessionOn(String node) throws Exception {
        return sessions.create(new NewSession("lock", node, Duration.ZERO, SessionBehavior.RELEASE, Optional.empty(),
                List.of(Session.SERF_HEALTH), List.of())).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFollowerWritesNothing() {
        reconciler.tick();
        reconciler.joined(CLIENT);
        assertThat(nodes()).isEmpty();
    }

    @Test
    void theNewLeaderRegistersEveryAliveMemberWithAPassingSerfHealthAndServersWithTheConsulService() {
        leading.set(true);
        reconciler.tick();

        assertThat(nodes()).containsExactly("client1", "server1");
        assertThat(serfHealth("client1")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Serf Health Status");
            assertThat(c.status()).isEqualTo(HealthStatus.PASSING);
            assertThat(c.output()).isEqualTo("Agent alive and reachable");
        });
        assertThat(state.catalog().healthService("consul", List.of(), true, Map.of()).value())
                .extracting(i -> i.node().node()).containsExactly("server1");
        assertThat(state.catalog().node("server1").value().orElseThrow().services().get("consul").port())
                .isEqualTo(8300);
        assertThat(state.catalog().node("client1").value().orElseThrow().node().id()).isEqualTo("22222222-2222-2222-2222-222222222222");
    }

    @Test
    void aSettledPoolWritesNothingAndANodesOwnRowIsKept() {
        leading.set(true);
        reconciler.tick();
        // the client's agent syncs its node with its meta (anti-entropy)
        catalog.register(CatalogFixtures.nodeWithMeta("client1", "10.0.0.2", Map.of("rack", "r1")));
        long applied = state.lastApplied();

        reconciler.periodic();
        reconciler.joined(CLIENT);

        assertThat(state.lastApplied()).isEqualTo(applied);
        reconciler.failed(CLIENT.withStatus(MemberStatus.FAILED));
        assertThat(state.catalog().node("client1").value().orElseThrow().node().meta()).containsEntry("rack", "r1");
    }

    @Test
    void aFailedMembersSerfHealthTurnsCriticalAndItsServicesDropOutOfPassing() {
        leading.set(true);
        reconciler.tick();
        catalog.register(CatalogFixtures.instance("client1", "web").withChecks(List.of()));
        assertThat(state.catalog().healthService("web", List.of(), true, Map.of()).value()).hasSize(1);

        reconciler.failed(CLIENT.withStatus(MemberStatus.FAILED));

        assertThat(serfHealth("client1")).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(c.output()).isEqualTo("Agent not live or unreachable");
        });
        assertThat(state.catalog().healthService("web", List.of(), true, Map.of()).value()).isEmpty();
        assertThat(state.catalog().healthService("web", List.of(), false, Map.of()).value())
                .extracting(ServiceInstance::service).hasSize(1);

        reconciler.joined(CLIENT);
        assertThat(serfHealth("client1")).map(HealthCheck::status).contains(HealthStatus.PASSING);
    }

    @Test
    void aMemberThatLeftIsDeregisteredWithItsSessions() throws Exception {
        leading.set(true);
        reconciler.tick();
        String session = sessionOn("client1");

        reconciler.left(CLIENT.withStatus(MemberStatus.LEFT));

        assertThat(nodes()).containsExactly("server1");
        assertThat(state.session(session).value()).isEmpty();
    }

    @Test
    void aFullPassDeregistersAgainALeftMemberThatItsOwnLastSyncRegisteredAfterItsLeave() throws Exception {
        leading.set(true);
        reconciler.tick();
        Member left = CLIENT.withStatus(MemberStatus.LEFT);
        pool.set(1, left);
        reconciler.left(left);
        // the leaving agent's anti-entropy, in flight during its leave, lands after the deregistration
        catalog.register(CatalogFixtures.node("client1", "10.0.0.2")).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(nodes()).contains("client1");

        reconciler.periodic();

        assertThat(nodes()).containsExactly("server1");
    }

    @Test
    void aFullPassDeregistersMembersGoneFromThePoolButLeavesNodesRegisteredThroughTheApi() {
        leading.set(true);
        reconciler.tick();
        catalog.register(CatalogFixtures.node("external", "10.0.0.9"));
        pool.remove(CLIENT);

        reconciler.periodic();

        assertThat(nodes()).containsExactly("external", "server1");
    }

    @Test
    void aFullPassCatchesAFailureThatHappenedWhileAnotherServerLed() {
        leading.set(true);
        reconciler.tick();
        leading.set(false);
        reconciler.tick();
        pool.set(1, CLIENT.withStatus(MemberStatus.FAILED));

        leading.set(true);
        reconciler.tick();

        assertThat(serfHealth("client1")).map(HealthCheck::status).contains(HealthStatus.CRITICAL);
    }
}
