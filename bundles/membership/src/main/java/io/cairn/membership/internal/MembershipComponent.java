package io.cairn.membership.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.api.config.Ports;
import io.cairn.api.consensus.ServerDiscovery;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MemberTags;
import io.cairn.api.membership.Membership;
import io.cairn.membership.AgentMembership;
import io.cairn.membership.JGroupsTransport;
import io.cairn.membership.KeyringEndpoint;
import io.cairn.membership.Keyring;
import io.cairn.membership.MemberList;
import io.cairn.membership.MemberPool;
import io.cairn.membership.MemberSnapshot;
import io.cairn.membership.MembersEndpoint;
import io.cairn.membership.PoolServers;
import io.cairn.membership.PoolTimings;
import io.cairn.membership.WanFloodJoin;

/**
 * Puts this agent in its data centre's LAN pool and, for a server, in the WAN pool, and
 * publishes {@link Membership}, {@link ServerDiscovery} (servers) and the member routes at
 * once: the pools are entered in the background (listing this agent alone meanwhile), so
 * activation, and the start level the framework waits on, never waits for the seeds.
 * On deactivation (agent stop) it leaves gracefully when {@code leave_on_terminate} says so
 * (clients by default); otherwise the others see it fail.
 */
@Component(immediate = true, service = {})
public class MembershipComponent {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipComponent.class);
    /** serf's reap interval: how often members past reconnect_timeout are dropped. */
    private static final Duration REAP_INTERVAL = Duration.ofSeconds(15);
    /** Lets the HTTP answer to {@code PUT /v1/agent/leave} reach the client before the agent stops. */
    private static final Duration SHUTDOWN_DELAY = Duration.ofMillis(300);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final AgentConfig config;
    private final List<MemberPool> pools = new ArrayList<>();
    private final AgentMembership membership;
    private final AgentConfigService configService;
    private final Consumer<AgentConfig> reloaded;

    @Activate
    public MembershipComponent(@Reference(name = "config") AgentConfigService configService, BundleContext context)
            throws Exception {
        this.configService = configService;
        config = configService.current();
        // two threads: the LAN and WAN pools are entered side by side, each may wait for its seeds
        scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "cairn-membership");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Path serf = Path.of(config.dataDir(), "serf");
            Clock clock = Clock.systemUTC();
            MemberList lanMembers = new MemberList(clock, config.reconnectTimeout());
            Member lanSelf = new Member(config.nodeName(), config.advertiseAddr(), config.ports().serfLan(),
                    MemberTags.of(config, BuildInfo.current()), MemberStatus.ALIVE);
            MemberPool lan = start("lan", lanSelf, "cairn-lan-" + config.datacenter(), config.bindAddr(),
                    serf.resolve("local.keyring"), serf.resolve("local.snapshot"), PoolTimings.lan(), lanMembers,
                    config.retryJoin());
            Optional<MemberPool> wan = Optional.empty();
            if (config.server() && Ports.enabled(config.ports().serfWan())) {
                Member wanSelf = new Member(config.nodeName() + "." + config.datacenter(), config.advertiseAddrWan(),
                        config.ports().serfWan(), lanSelf.tags(), MemberStatus.ALIVE);
                wan = Optional.of(start("wan", wanSelf, "cairn-wan", config.bindAddr(), serf.resolve("remote.keyring"),
                        serf.resolve("remote.snapshot"), PoolTimings.wan(), new MemberList(clock, config.reconnectTimeout()),
                        config.retryJoinWan()));
            }
            if (wan.isPresent()) {
                WanFloodJoin flood = new WanFloodJoin(wan.get(), config.nodeName(), config.datacenter(),
                        config.ports().serfWan(), scheduler);
                lanMembers.addListener(flood);
                lanMembers.members().forEach(flood::joined);
            }
            membership = new AgentMembership(lan, wan);
            registrations.add(context.registerService(Membership.class, membership, null));
            registrations.add(context.registerService(RouteProvider.class,
                    new MembersEndpoint(membership, () -> stopAgent(context)), null));
            registrations.add(context.registerService(RouteProvider.class,
                    new KeyringEndpoint(membership, config.datacenter(), PoolTimings.lan().joinTimeout()), null));
            if (config.server()) {
                registrations.add(context.registerService(ServerDiscovery.class,
                        new PoolServers(lanMembers, config.datacenter()), null));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
        // tags follow the configuration: a reload that changes them (node_meta...) is announced
        reloaded = c -> membership.retag(MemberTags.of(c, BuildInfo.current()));
        configService.addListener(reloaded);
    }

    /**
     * @param keyringFile  the pool's keyring ({@code serf/local.keyring}): what a rotation left
     *                     wins over {@code encrypt}, as in Consul
     * @param snapshotFile the pool's members last seen, rejoined at start unless the agent left
     */
    private MemberPool start(String name, Member self, String cluster, String bindAddr, Path keyringFile,
                             Path snapshotFile, PoolTimings timings, MemberList members, List<String> retryJoin)
            throws Exception {
        if (Keyring.exists(keyringFile) && config.encrypt().isPresent()) {
            LOG.warn("The {} keyring file {} exists: its keys are used, not the encrypt key given", name, keyringFile);
        }
        Optional<Keyring> keyring = Keyring.load(keyringFile, config.encrypt());
        JGroupsTransport transport = new JGroupsTransport(cluster, InetAddress.getByName(bindAddr),
                InetAddress.getByName(self.addr()), self.port(), keyring, timings);
        MemberPool pool = new MemberPool(name, self, transport, members, scheduler,
                min(REAP_INTERVAL, config.reconnectTimeout()), keyring);
        pools.add(pool);
        MemberSnapshot.Previous previous = MemberSnapshot.read(snapshotFile);
        List<String> rejoin = MemberSnapshot.rejoin(previous, config.rejoinAfterLeave(), name);
        pool.snapshot(new MemberSnapshot(snapshotFile, self.name(), members, previous));
        pool.start(new MemberPool.JoinSettings(retryJoin, config.retryInterval(), config.retryMax(), rejoin));
        LOG.info("Entering the {} pool as {} at {}:{} (gossip encryption {})", name, self.name(), self.addr(),
                self.port(), keyring.isPresent() ? "on" : "off");
        return pool;
    }

    /** After a graceful leave the agent exits: stopping the system bundle ends {@code cairn agent}. */
    private static void stopAgent(BundleContext context) {
        CompletableFuture.runAsync(() -> {
            try {
                context.getBundle(0).stop();
            } catch (BundleException e) {
                LOG.error("Could not stop the agent after leaving", e);
            }
        }, CompletableFuture.delayedExecutor(SHUTDOWN_DELAY.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Deactivate
    void deactivate() {
        configService.removeListener(reloaded);
        if (config.leaveOnTerminate() && !membership.hasLeft()) {
            LOG.info("Leaving the pools gracefully (leave_on_terminate)");
            membership.leave();
        }
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        close();
    }

    private void close() {
        pools.forEach(MemberPool::close);
        scheduler.shutdownNow();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
