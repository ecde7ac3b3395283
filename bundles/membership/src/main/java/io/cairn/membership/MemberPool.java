package io.cairn.membership;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MembershipException;
import io.cairn.api.membership.UserEvent;

/**
 * One pool (the LAN pool of a data centre, or the WAN pool of servers) as this agent takes
 * part in it: turns what the transport delivers into member transitions, joins, leaves, and
 * reaps departed members on schedule.
 */
public final class MemberPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemberPool.class);
    static final String ENCRYPTION_OFF = "Keyring is empty (encryption not enabled)";

    /**
     * How a pool is joined: {@code retry_join} or {@code retry_join_wan} and their retry
     * policy, and the previous members to rejoin (the snapshot, see {@link MemberSnapshot#rejoin}).
     */
    public record JoinSettings(List<String> retryJoin, Duration retryInterval, int retryMax, List<String> rejoin) {

        public JoinSettings(List<String> retryJoin, Duration retryInterval, int retryMax) {
            this(retryJoin, retryInterval, retryMax, List.of());
        }
    }

    private final String name;
    private volatile Member self;
    private final PoolTransport transport;
    private final MemberList members;
    private final ScheduledExecutorService scheduler;
    private final Duration reapInterval;
    private final Optional<Keyring> keyring;
    private final UserEventRelay events;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, KeyringCollector> pending = new ConcurrentHashMap<>();
    private volatile Optional<MemberSnapshot> snapshot = Optional.empty();
    private volatile boolean left;
    private volatile boolean closed;
    private volatile boolean entered;

    /**
     * @param name         {@code lan} or {@code wan}, for logs
     * @param self         this agent as it announces itself in this pool
     * @param reapInterval how often departed members past the reconnect timeout are dropped
     */
    public MemberPool(String name, Member self, PoolTransport transport, MemberList members,
                      ScheduledExecutorService scheduler, Duration reapInterval) {
        this(name, self, transport, members, scheduler, reapInterval, Optional.empty());
    }

    /** @param keyring the gossip keys the transport seals and opens with; empty: no encryption */
    public MemberPool(String name, Member self, PoolTransport transport, MemberList members,
                      ScheduledExecutorService scheduler, Duration reapInterval, Optional<Keyring> keyring) {
        this.keyring = keyring;
        this.events = new UserEventRelay(transport::userEvent);
        this.name = name;
        members.addListener(new EventLog(name));
        members.addListener(new MemberListener() {
            // a member that left is not contacted again; a failed one until it is reaped
            @Override
            public void left(Member member) {
                transport.forget(member);
            }

            @Override
            public void reaped(Member member) {
                transport.forget(member);
            }
        });
        this.self = self;
        this.transport = transport;
        this.members = members;
        this.scheduler = scheduler;
        this.reapInterval = reapInterval;
    }

    /** This pool's user events: fired here, heard from every member. */
    public UserEventRelay events() {
        return events;
    }

    /** Fires a user event on this pool; refused once this agent left it. */
    public UserEvent fireEvent(String eventName, byte[] payload, String nodeFilter, String serviceFilter,
                               String tagFilter) throws MembershipException {
        if (left) {
            throw new MembershipException("This agent has left the " + name + " pool");
        }
        return events.fire(eventName, payload, nodeFilter, serviceFilter, tagFilter);
    }

    public MemberList members() {
        return members;
    }

    public Member self() {
        return self;
    }

    /** Keeps the member snapshot ({@code serf/local.snapshot}) up to date; call before {@link #start}. */
    public void snapshot(MemberSnapshot memberSnapshot) {
        snapshot = Optional.of(memberSnapshot);
        members.addListener(memberSnapshot);
    }

    /**
     * Enters the pool in the background, then keeps retrying the join addresses until one
     * answers; tries the previous members once (the pool keeps probing them, as it does every
     * join address). Returns at once with this agent listed alive: entering waits for the
     * seeds, which may be starting too (a whole cluster restarted), and the agent serves
     * meanwhile, as Consul's does while it retries its joins.
     */
    public void start(JoinSettings join) throws Exception {
        List<InetSocketAddress> retry = addresses(join.retryJoin());
        List<InetSocketAddress> previous = addresses(join.rejoin());
        Set<InetSocketAddress> all = new LinkedHashSet<>(retry);
        all.addAll(previous);
        transport.open(self, List.copyOf(all), new PoolTransport.Events() {
            @Override
            public void view(List<Member> view) {
                onView(view);
            }

            @Override
            public void intent(Intent intent) {
                onIntent(intent);
            }

            @Override
            public void keyring(KeyringMessage.Request request, Consumer<KeyringMessage.Reply> reply) {
                reply.accept(onKeyring(request));
            }

            @Override
            public void userEvent(UserEvent event) {
                events.received(event);
            }

            @Override
            public void keyringReply(KeyringMessage.Reply reply) {
                KeyringCollector collector = pending.get(reply.id());
                if (collector != null) {
                    collector.add(reply);
                }
            }
        });
        members.alive(self);
        scheduler.scheduleWithFixedDelay(members::reap, reapInterval.toMillis(), reapInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.execute(() -> enter(join, retry, previous));
        snapshot.ifPresent(MemberSnapshot::write);
    }

    /**
     * Connects, again every {@code retry_interval} while the transport cannot (its port still
     * taken...), then runs the joins; nothing once the agent left or stopped meanwhile.
     */
    void enter(JoinSettings join, List<InetSocketAddress> retry, List<InetSocketAddress> previous) {
        if (left || closed) {
            return;
        }
        try {
            transport.connect();
        } catch (Exception e) {
            if (closed) {
                return; // the agent stopped before its pool was entered
            }
            LOG.error("Could not enter the {} pool as {} at {}:{}, retrying in {}: {}", name, self.name(), self.addr(),
                    self.port(), join.retryInterval(), e.toString());
            scheduler.schedule(() -> enter(join, retry, previous), join.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        entered = true;
        LOG.info("Entered the {} pool as {} at {}:{}", name, self.name(), self.addr(), self.port());
        if (left || closed) {
            return;
        }
        if (!retry.isEmpty()) {
            new JoinRetry(name, () -> transport.join(retry), join.retryInterval(), join.retryMax(), scheduler).start();
        }
        if (!previous.isEmpty()) {
            new JoinRetry(name + " (previous members)", () -> transport.join(previous), join.retryInterval(), 1, scheduler).start();
        }
    }

    /**
     * Re-announces this agent with new tags (after a reload), when they changed: every
     * member's list shows them, members that join later included.
     *
     * @return whether the tags changed
     */
    public synchronized boolean retag(Map<String, String> tags) {
        if (left || self.tags().equals(Map.copyOf(tags))) {
            return false;
        }
        self = new Member(self.name(), self.addr(), self.port(), tags, self.status());
        LOG.info("Announcing new tags in the {} pool: {}", name, tags);
        transport.announce(self);
        return true;
    }

    /** This member's part of a keyring operation another member (or this one) asked for. */
    KeyringMessage.Reply onKeyring(KeyringMessage.Request request) {
        if (keyring.isEmpty()) {
            return new KeyringMessage.Reply(request.id(), self.name(), List.of(), ENCRYPTION_OFF);
        }
        Keyring ring = keyring.get();
        String error = "";
        try {
            switch (request.op()) {
                case LIST -> {
                }
                case INSTALL -> ring.install(request.key());
                case USE -> ring.use(request.key());
                case REMOVE -> ring.remove(request.key());
            }
            if (request.op() != KeyringMessage.Op.LIST) {
                LOG.info("Gossip keyring of the {} pool: {} done, {} keys installed", name,
                        request.op().name().toLowerCase(java.util.Locale.ROOT), ring.encoded().size());
            }
        } catch (RuntimeException e) {
            error = e.getMessage();
            LOG.warn("Gossip keyring of the {} pool: {} refused: {}", name,
                    request.op().name().toLowerCase(java.util.Locale.ROOT), error);
        }
        return new KeyringMessage.Reply(request.id(), self.name(), ring.encoded(), error);
    }

    /**
     * A keyring operation on every member of the pool: sent over the pool (sealed with the
     * current primary key), applied by each member to its own keyring, answered by each.
     * Waits until every alive member answered, or {@code timeout}.
     */
    public KeyringResult keyring(KeyringMessage.Op op, String key, Duration timeout) throws MembershipException {
        if (op != KeyringMessage.Op.LIST) {
            try {
                GossipKey.parse(key);
            } catch (IllegalArgumentException e) {
                throw new MembershipException(e.getMessage());
            }
        }
        Set<String> expected = new HashSet<>();
        for (Member m : members.members()) {
            if (m.status() == MemberStatus.ALIVE) {
                expected.add(m.name());
            }
        }
        long id = random.nextLong();
        KeyringCollector collector = new KeyringCollector(expected);
        pending.put(id, collector);
        try {
            transport.keyring(new KeyringMessage.Request(id, op, op == KeyringMessage.Op.LIST ? "" : key));
            return collector.await(timeout);
        } finally {
            pending.remove(id);
        }
    }

    /** Serf's event lines in the log: what an operator (and the benchmarks) follow. */
    private record EventLog(String pool) implements io.cairn.api.membership.MemberListener {
        @Override
        public void joined(Member m) {
            LOG.info("{}: EventMemberJoin: {} {}", pool, m.name(), m.addr());
        }

        @Override
        public void updated(Member m) {
            LOG.info("{}: EventMemberUpdate: {}", pool, m.name());
        }

        @Override
        public void failed(Member m) {
            LOG.info("{}: EventMemberFailed: {} {}", pool, m.name(), m.addr());
        }

        @Override
        public void left(Member m) {
            LOG.info("{}: EventMemberLeave: {} {}", pool, m.name(), m.addr());
        }

        @Override
        public void reaped(Member m) {
            LOG.info("{}: EventMemberReap: {}", pool, m.name());
        }
    }

    /** The replies to one keyring request, until every expected member answered. */
    private static final class KeyringCollector {
        private final Set<String> expected;
        private final Map<String, KeyringMessage.Reply> replies = new java.util.LinkedHashMap<>();

        KeyringCollector(Set<String> expected) {
            this.expected = expected;
        }

        synchronized void add(KeyringMessage.Reply reply) {
            replies.put(reply.node(), reply);
            notifyAll();
        }

        synchronized KeyringResult await(Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!replies.keySet().containsAll(expected)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            Set<String> nodes = new HashSet<>(expected);
            nodes.addAll(replies.keySet());
            return KeyringResult.of(nodes.size(), List.copyOf(replies.values()));
        }
    }

    /** Everyone in the view is alive; whoever was and is no longer has departed. */
    void onView(List<Member> view) {
        Set<String> present = new HashSet<>();
        for (Member member : view) {
            present.add(member.name());
            members.alive(member);
        }
        for (Member known : members.members()) {
            boolean inPool = known.status() == MemberStatus.ALIVE || known.status() == MemberStatus.LEAVING;
            if (inPool && !present.contains(known.name())) {
                members.departed(known.name());
            }
        }
    }

    void onIntent(Intent intent) {
        switch (intent.kind()) {
            case LEAVE -> members.leaving(intent.node());
            case FORCE_LEAVE -> members.forceLeave(intent.node(), intent.prune());
        }
    }

    /**
     * {@code PUT /v1/agent/join/:address}: contacts the addresses.
     *
     * @return how many answered
     */
    public int join(List<String> addresses) throws MembershipException {
        List<InetSocketAddress> targets;
        try {
            targets = addresses(addresses);
        } catch (IllegalArgumentException e) {
            throw new MembershipException(e.getMessage());
        }
        int joined = transport.join(targets);
        if (joined == 0) {
            throw new MembershipException("1 error occurred:\n\t* Failed to join " + String.join(", ", addresses)
                    + ": no member of the " + name + " pool answered");
        }
        return joined;
    }

    /** Tells the pool this agent leaves, then leaves it: the others mark it left, not failed. */
    public void leave() {
        if (left) {
            return;
        }
        left = true;
        snapshot.ifPresent(MemberSnapshot::markLeft);
        transport.broadcast(Intent.leave(self.name()));
        transport.leave();
        members.leaving(self.name());
        members.departed(self.name());
    }

    /** Whether this agent is in the pool yet, with whoever answered or alone; until then it lists itself alone. */
    public boolean entered() {
        return entered;
    }

    public boolean hasLeft() {
        return left;
    }

    /** Consul's force-leave, applied here and announced so every member applies it. */
    public boolean forceLeave(String node, boolean prune) {
        boolean known = members.forceLeave(node, prune);
        if (known) {
            transport.broadcast(Intent.forceLeave(node, prune));
        }
        return known;
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}; the port defaults to this pool's. */
    List<InetSocketAddress> addresses(List<String> specs) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (String spec : specs) {
            result.add(address(spec.trim(), self.port()));
        }
        return result;
    }

    static InetSocketAddress address(String spec, int defaultPort) {
        String host = spec;
        int port = defaultPort;
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && spec.indexOf(':') == colon || spec.startsWith("[") && spec.contains("]:")) {
            host = spec.substring(0, colon).replace("[", "").replace("]", "");
            try {
                port = Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port in join address " + spec);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host.replace("[", "").replace("]", "")), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in join address " + spec);
        }
    }

    @Override
    public void close() {
        closed = true;
        transport.close();
    }
}
