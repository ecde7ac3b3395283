package io.cairn.membership;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.PhysicalAddress;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.TCP_NIO2;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.UserEvent;

/**
 * A pool on JGroups over TCP (TCP_NIO2). Each member's announcement rides in its address (an
 * {@link ExtendedUUID}), so every view says who each member is without a state exchange.
 * Discovery is TCPPING on the join addresses ({@link SeedDiscovery}); {@link PartitionProbe}
 * (MERGE3) keeps probing those not in the view, and the members that dropped out of it, which
 * both retries joins that found no one and heals partitions into one view.
 *
 * <p>Ports: the pool's port (TCP), and FD_SOCK2's failure-detection socket at the pool's
 * port + {@value #FD_SOCK_OFFSET}.
 */
public final class JGroupsTransport implements PoolTransport {

    private static final Logger LOG = LoggerFactory.getLogger(JGroupsTransport.class);
    private static final Duration ALONE_JOIN_TIMEOUT = Duration.ofMillis(100);
    /**
     * JOIN requests a joiner sends to a coordinator that answered discovery before it forms a
     * pool of its own: entering runs in the background, so a joiner waits for a coordinator
     * busy with a join storm (a hundred agents started at once) rather than become a singleton
     * that only a merge brings back.
     */
    private static final int JOIN_ATTEMPTS = 10;
    /**
     * Discovery requests a joiner sends to its seeds within one join timeout: one lost in a
     * connection race (many joiners connecting to a seed that connects back) made the joiner
     * find no one and form a pool of its own, merged only seconds later (1 in 10 agents started
     * at once).
     */
    private static final int DISCOVERY_RUNS = 3;
    /**
     * Join timeouts a joiner with seeds waits for a first answer before it forms a pool of its own
     * ({@link SeedDiscovery}).
     */
    private static final int DISCOVERY_ROUNDS = 4;
    static final String ANNOUNCEMENT = "cairn.member";
    static final int FD_SOCK_OFFSET = 100;
    /** When a re-announcement to newcomers goes the second time. */
    private static final Executor REANNOUNCE = CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS);
    /** Wire kind of a member's new announcement (after {@link Intent}'s codes). */
    static final int ANNOUNCE = 3;

    private final String cluster;
    private final InetAddress bindAddress;
    private final InetAddress advertiseAddress;
    private final int port;
    private final Optional<Keyring> keyring;
    private final PoolTimings timings;
    private final Object viewChanged = new Object();
    private JChannel channel;
    private SeedDiscovery discovery;
    private PartitionProbe merge;
    private volatile List<Member> current = List.of();
    private volatile View currentView;
    /** Members that announced themselves anew since they joined (their address still carries the old announcement). */
    private final Map<Address, Member> announced = new ConcurrentHashMap<>();
    private volatile Events events;
    /** What this agent announces when it enters the pool: its latest tags, even when they changed before. */
    private volatile Member self;
    private final TrafficCounter traffic = new TrafficCounter();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param cluster the pool's name: members of different pools never merge
     * @param keyring the gossip keys, or empty for a pool in the clear
     */
    public JGroupsTransport(String cluster, InetAddress bindAddress, InetAddress advertiseAddress, int port,
                            Optional<Keyring> keyring, PoolTimings timings) {
        this.cluster = cluster;
        this.bindAddress = bindAddress;
        this.advertiseAddress = advertiseAddress;
        this.port = port;
        this.keyring = keyring;
        this.timings = timings;
    }

    @Override
    public void open(Member self, List<InetSocketAddress> seeds, Events events) throws Exception {
        this.events = events;
        this.self = self;
        discovery = new SeedDiscovery(DISCOVERY_ROUNDS);
        discovery.setInitialHosts(withSelf(seeds));
        discovery.setPortRange(0);
        // answer discovery with every member's physical address, not just our own: a member that
        // joined through one seed must be able to reach the others (to merge, to be merged)
        discovery.setValue("return_entire_cache", true);
        discovery.numDiscoveryRuns(DISCOVERY_RUNS);
        merge = new PartitionProbe(discovery::knownHosts);
        merge.setMaxInterval(timings.mergeMaxInterval().toMillis())
                .setMinInterval(timings.mergeMinInterval().toMillis());
        channel = new JChannel(stack(seeds.isEmpty())).name(self.name());
        channel.addAddressGenerator(this::address);
        channel.setReceiver(new Receiver() {
            @Override
            public void viewAccepted(View view) {
                View previous = currentView;
                announced.keySet().retainAll(view.getMembers());
                deliver(view);
                Member mine = announced.get(channel.getAddress());
                if (mine != null && (previous == null || !previous.getMembers().containsAll(view.getMembers()))) {
                    // newcomers know this agent only by its first announcement; JGroups drops what
                    // goes to a member whose physical address it has not learnt yet, which a
                    // newcomer's may be at its view: the announcement goes again a second later
                    byte[] again = announcement(mine);
                    send(null, again);
                    CompletableFuture.runAsync(() -> {
                        if (channel.isConnected()) {
                            send(null, again);
                        }
                    }, REANNOUNCE);
                }
            }

            @Override
            public void receive(Message msg) {
                try {
                    byte[] data = msg.getArray();
                    int kind = data.length == 0 ? -1 : data[0];
                    if (kind == ANNOUNCE) {
                        Member member = MemberCodec.decode(java.util.Arrays.copyOfRange(data, 1, data.length));
                        announced.put(msg.getSrc(), member);
                        View view = currentView;
                        if (view != null && view.containsMember(msg.getSrc())) {
                            deliver(view);
                        }
                    } else if (kind == UserEventCodec.KIND) {
                        events.userEvent(UserEventCodec.decode(data));
                    } else if (kind == KeyringMessage.REQUEST || kind == KeyringMessage.REPLY) {
                        KeyringMessage message = KeyringMessage.decode(data);
                        if (message instanceof KeyringMessage.Request request) {
                            Address asker = msg.getSrc();
                            events.keyring(request, reply -> send(asker, reply.encode()));
                        } else if (message instanceof KeyringMessage.Reply reply) {
                            events.keyringReply(reply);
                        }
                    } else {
                        Intent intent = Intent.decode(data);
                        if (intent != null) {
                            events.intent(intent);
                        }
                    }
                } catch (Exception e) {
                    LOG.warn("Gossip: unreadable message from {}: {}", msg.getSrc(), e.toString());
                }
            }
        });
    }

    @Override
    public void forget(Member member) {
        PhysicalAddress address = physical(new InetSocketAddress(member.addr(), member.port()));
        discovery.forget(address);
        merge.forget(address);
    }

    private static PhysicalAddress physical(InetSocketAddress address) {
        return new IpAddress(address.getAddress(), address.getPort());
    }

    @Override
    public void connect() throws Exception {
        channel.connect(cluster);
    }

    /**
     * This agent's address in the pool, made each time it enters: its announcement rides in it,
     * and it sorts by when it was made. When every member a joiner discovers is itself joining
     * (a whole cluster started at once), JGroups makes the lowest address among them the
     * coordinator: in start order that is the earliest agent, the one the joiners have most
     * likely all heard of, so they pick the same one rather than several forming pools of their
     * own that only merges bring together (with random addresses, 100 agents started at once
     * formed 8 pools, and their merges held up the joins for minutes).
     */
    private Address address() {
        ExtendedUUID address = new ExtendedUUID(System.currentTimeMillis(), random.nextLong());
        NameCache.add(address, self.name());
        return address.put(ANNOUNCEMENT, MemberCodec.encode(self));
    }

    /**
     * @param alone no seed to join: the first member of a pool (a dev agent, the first server)
     *              has no one to wait for, so it forms the pool at once instead of after a join timeout
     */
    private List<Protocol> stack(boolean alone) {
        List<Protocol> stack = new ArrayList<>();
        TCP_NIO2 tcp = new TCP_NIO2();
        tcp.setBindAddress(bindAddress);
        tcp.setBindPort(port);
        tcp.setPortRange(0);
        if (!advertiseAddress.equals(bindAddress)) {
            tcp.setExternalAddr(advertiseAddress);
        }
        tcp.setLogDiscardMessages(false);
        // TCP_NIO2: a few selector threads for all connections, where TCP runs a thread for each
        // end of each connection. Every member ends up connected to every other (a multicast goes
        // to each member in turn), and at 100 members (20 per JVM) thousands of threads were being
        // created right after the pool formed (jstack: 18 of 20 acceptors and half the send
        // threads in Thread.start); the JVM hosting the coordinator stalled seconds at a time and
        // healthy members were excluded. A pool's messages are small (heartbeats, views,
        // announcements): one send queue for all destinations, as JGroups' per-destination
        // bundler costs ~300 KB of heap per peer (a 64 KB buffer and 16K-slot queues each)
        tcp.setBundlerType("transfer-queue");
        stack.add(tcp);
        stack.add(traffic);
        keyring.ifPresent(k -> stack.add(new GossipEncryption(k)));
        stack.add(discovery);
        stack.add(merge);
        FD_SOCK2 socketDetector = new SocketWatch().setOffset(FD_SOCK_OFFSET).setPortRange(0);
        socketDetector.setBindAddress(bindAddress);
        if (!advertiseAddress.equals(bindAddress)) {
            socketDetector.setExternalAddress(advertiseAddress);
        }
        stack.add(socketDetector);
        stack.add(new RingHeartbeats().setGrace(timings.joinTimeout()).setInterval(timings.heartbeatInterval().toMillis())
                .setTimeout(timings.heartbeatTimeout().toMillis()));
        stack.add(new SuspectCheck().setTimeout(timings.verifyTimeout().toMillis()));
        stack.add(new NAKACK2());
        stack.add(new UNICAST3());
        stack.add(new StableOnChange());
        stack.add(new GMS().setJoinTimeout(alone ? ALONE_JOIN_TIMEOUT.toMillis() : timings.joinTimeout().toMillis())
                .setLeaveTimeout(timings.verifyTimeout().toMillis() * 2)
                .setMaxJoinAttempts(JOIN_ATTEMPTS)
                .setViewAckCollectionTimeout(timings.verifyTimeout().toMillis() * 2));
        stack.add(new FRAG4());
        return stack;
    }

    /** A pool that lists only its own address would not look for anyone: the seeds always come along. */
    private List<InetSocketAddress> withSelf(List<InetSocketAddress> seeds) {
        List<InetSocketAddress> hosts = new ArrayList<>(seeds);
        hosts.add(new InetSocketAddress(advertiseAddress, port));
        return hosts;
    }

    /** Serialized with the view changes: the members of this view, as each announced itself last. */
    private synchronized void deliver(View view) {
        List<Member> members = members(view);
        synchronized (viewChanged) {
            currentView = view;
            current = members;
            viewChanged.notifyAll();
        }
        events.view(members);
    }

    private List<Member> members(View view) {
        List<Member> members = new ArrayList<>();
        for (Address address : view.getMembers()) {
            Member again = announced.get(address);
            if (again != null) {
                members.add(again);
            } else if (address instanceof ExtendedUUID extended && extended.keyExists(ANNOUNCEMENT)) {
                try {
                    members.add(MemberCodec.decode(extended.get(ANNOUNCEMENT)));
                } catch (Exception e) {
                    LOG.warn("Gossip: member {} announces itself in a form this version cannot read: {}", address, e.toString());
                }
            }
        }
        return members;
    }

    @Override
    public int join(List<InetSocketAddress> addresses) {
        Set<InetSocketAddress> known = new HashSet<>(discovery.getInitialHosts().stream()
                .map(a -> new InetSocketAddress(((org.jgroups.stack.IpAddress) a).getIpAddress(), ((org.jgroups.stack.IpAddress) a).getPort()))
                .toList());
        known.addAll(addresses);
        discovery.setInitialHosts(new ArrayList<>(known));
        // probe now rather than at the next round: the other pool's coordinator answers and merges
        // (while this agent is still entering the pool, its join contacts the new seeds itself)
        whenInView(() -> merge.probe(addresses.stream().map(JGroupsTransport::physical).toList()));
        long deadline = System.nanoTime() + timings.joinTimeout().toNanos();
        synchronized (viewChanged) {
            while (true) {
                int reached = reached(addresses);
                long left = deadline - System.nanoTime();
                if (reached == addresses.size() || left <= 0) {
                    return reached;
                }
                try {
                    viewChanged.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return reached;
                }
                whenInView(merge::checkInconsistencies);
            }
        }
    }

    /** MERGE3 compares views: it has nothing to compare before this agent is in one. */
    private void whenInView(Runnable mergeStep) {
        if (currentView != null) {
            mergeStep.run();
        }
    }

    /** How many of the addresses are other members of our view now. */
    private int reached(List<InetSocketAddress> addresses) {
        int reached = 0;
        for (InetSocketAddress target : addresses) {
            boolean member = current.stream().anyMatch(m -> m.port() == target.getPort()
                    && m.addr().equals(target.getAddress().getHostAddress())
                    && !(target.getAddress().equals(advertiseAddress) && target.getPort() == port));
            if (member) {
                reached++;
            }
        }
        return reached;
    }

    @Override
    public void broadcast(Intent intent) {
        // not bundled: a leave is followed at once by the channel's own leave request, which is
        // not bundled either and overtook the intent (the others then saw the member fail, not
        // leave); and not sequenced: NAKACK2 drops a sequenced message from a member no longer in
        // the view, and an intent that arrives after the view still turns failed into left
        send(null, intent.encode(), Message.Flag.DONT_BUNDLE, Message.Flag.NO_RELIABILITY);
    }

    @Override
    public void announce(Member self) {
        this.self = self;
        Address mine = channel.getAddress();
        if (mine != null) { // else not entering the pool yet: the address it will enter with carries these tags
            announced.put(mine, self);
            send(null, announcement(self));
        }
    }

    private static byte[] announcement(Member self) {
        byte[] member = MemberCodec.encode(self);
        byte[] data = new byte[member.length + 1];
        data[0] = ANNOUNCE;
        System.arraycopy(member, 0, data, 1, member.length);
        return data;
    }

    @Override
    public void userEvent(UserEvent event) {
        send(null, UserEventCodec.encode(event));
    }

    @Override
    public void keyring(KeyringMessage.Request request) {
        send(null, request.encode());
    }

    /** @param dest a member, or null for every member */
    private void send(Address dest, byte[] data, Message.Flag... flags) {
        try {
            channel.send(new BytesMessage(dest, data).setFlag(flags));
        } catch (Exception e) {
            LOG.warn("Gossip: could not send to {}: {}", dest == null ? "the pool" : dest, e.toString());
        }
    }

    /** What this member sent and received over the pool since it started ({@link TrafficCounter}). */
    public TrafficCounter traffic() {
        return traffic;
    }

    @Override
    public void leave() {
        channel.disconnect();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
