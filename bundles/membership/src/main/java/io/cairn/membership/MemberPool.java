package io.cairn.membership;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.api.membership.MembershipException;

/**
 * One pool (the LAN pool of a data centre, or the WAN pool of servers) as this agent takes
 * part in it: turns what the transport delivers into member transitions, joins, leaves, and
 * reaps departed members on schedule.
 */
public final class MemberPool implements AutoCloseable {

    /** How a pool is joined: {@code retry_join} or {@code retry_join_wan} and their retry policy. */
    public record JoinSettings(List<String> retryJoin, Duration retryInterval, int retryMax) {
    }

    private final String name;
    private final Member self;
    private final PoolTransport transport;
    private final MemberList members;
    private final ScheduledExecutorService scheduler;
    private final Duration reapInterval;
    private volatile boolean left;

    /**
     * @param name         {@code lan} or {@code wan}, for logs
     * @param self         this agent as it announces itself in this pool
     * @param reapInterval how often departed members past the reconnect timeout are dropped
     */
    public MemberPool(String name, Member self, PoolTransport transport, MemberList members,
                      ScheduledExecutorService scheduler, Duration reapInterval) {
        this.name = name;
        this.self = self;
        this.transport = transport;
        this.members = members;
        this.scheduler = scheduler;
        this.reapInterval = reapInterval;
    }

    public MemberList members() {
        return members;
    }

    public Member self() {
        return self;
    }

    /** Enters the pool, then keeps retrying the join addresses until one answers. */
    public void start(JoinSettings join) throws Exception {
        List<InetSocketAddress> seeds = addresses(join.retryJoin());
        transport.start(self, seeds, new PoolTransport.Events() {
            @Override
            public void view(List<Member> view) {
                onView(view);
            }

            @Override
            public void intent(Intent intent) {
                onIntent(intent);
            }
        });
        scheduler.scheduleWithFixedDelay(members::reap, reapInterval.toMillis(), reapInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (!seeds.isEmpty()) {
            new JoinRetry(name, () -> transport.join(seeds), join.retryInterval(), join.retryMax(), scheduler).start();
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
        transport.broadcast(Intent.leave(self.name()));
        transport.leave();
        members.leaving(self.name());
        members.departed(self.name());
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
        transport.close();
    }
}
