package io.cairn.membership.bench;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberStatus;
import io.cairn.membership.JGroupsTransport;
import io.cairn.membership.Keyring;
import io.cairn.membership.MemberList;
import io.cairn.membership.MemberPool;
import io.cairn.membership.PoolTimings;
import io.cairn.membership.TrafficCounter;

/**
 * Membership benchmark: N pools (LAN timings, as an agent runs them) in this JVM on
 * 127.0.0.174-179, distinct ports. Prints, for each N given:
 * <ol>
 * <li>cold convergence: the first member started, then, once it is in its pool, the N-1 others
 *     at once, each joining the first, until every one lists all N alive; with
 *     {@code -Dbench.together=true} the first starts with the others (a whole cluster restarted);</li>
 * <li>join dissemination: one more member joins the first; until every other lists it alive
 *     (what gossip_bench.sh measures for Serf);</li>
 * <li>traffic at rest: bytes each member sends and receives per second over a window after
 *     the pool settled ({@code TrafficCounter}: serialized messages, sealed when encrypted).</li>
 * </ol>
 * Usage: {@code ConvergenceBench [encrypt] N...} (default 10 50 100).
 */
public final class ConvergenceBench {

    private static final int FIRST_IP = 174;
    private static final int IPS = 6;
    private static final int BASE_PORT = 19301;
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final Duration REST_WINDOW = Duration.ofSeconds(20);
    private static final Duration PROGRESS = Duration.ofSeconds(10);
    /** How long a part watches whether its members keep listing the whole pool. */
    private static final Duration HOLD = Duration.ofSeconds(Long.getLong("bench.hold", 60));
    /** How long a part may wait for the last one to start measuring. */
    private static final Duration LINGER = Duration.ofSeconds(30);

    /** Each member's own membership scheduler, as each agent has: it enters the pool there. */
    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();
    private final Optional<String> key;
    private final List<MemberPool> pools = new ArrayList<>();
    private final List<JGroupsTransport> transports = new ArrayList<>();

    private ConvergenceBench(Optional<String> key) {
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("part")) {
            part(Long.parseLong(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            System.exit(0);
        }
        boolean encrypt = args.length > 0 && args[0].equals("encrypt");
        List<Integer> sizes = new ArrayList<>();
        for (int i = encrypt ? 1 : 0; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10, 50, 100);
        }
        for (int n : sizes) {
            ConvergenceBench bench = new ConvergenceBench(encrypt
                    ? Optional.of(io.cairn.membership.GossipKey.generate()) : Optional.empty());
            try {
                bench.run(n);
            } finally {
                bench.close();
            }
        }
        System.exit(0);
    }

    private MemberPool start(int i) throws Exception {
        String ip = "127.0.0." + (FIRST_IP + i % IPS);
        int port = BASE_PORT + i / IPS;
        Member self = new Member("m" + i, ip, port, Map.of("role", "node", "dc", "dc1"), MemberStatus.ALIVE);
        Optional<Keyring> keyring = key.map(k -> Keyring.of(List.of(k)));
        JGroupsTransport transport = new JGroupsTransport("cairn-bench", InetAddress.getByName(ip),
                InetAddress.getByName(ip), port, keyring, timings());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        MemberPool pool = new MemberPool("lan", self, transport, new MemberList(Clock.systemUTC(), Duration.ofHours(1)),
                scheduler, Duration.ofSeconds(15), keyring);
        synchronized (this) {
            schedulers.add(scheduler);
            pools.add(pool);
            transports.add(transport);
        }
        List<String> join = i == 0 ? List.of() : List.of("127.0.0." + FIRST_IP + ":" + BASE_PORT);
        pool.start(new MemberPool.JoinSettings(join, Duration.ofSeconds(1), 0));
        return pool;
    }

    /** The LAN timings, or with {@code -Dbench.merge=MIN,MAX} (seconds) another MERGE3 pace, to see what it costs. */
    private static PoolTimings timings() {
        PoolTimings lan = PoolTimings.lan();
        String merge = System.getProperty("bench.merge");
        String fd = System.getProperty("bench.fd");
        if (merge == null && fd == null) {
            return lan;
        }
        String[] mm = (merge == null ? lan.mergeMinInterval().toSeconds() + "," + lan.mergeMaxInterval().toSeconds() : merge).split(",");
        String[] ff = (fd == null ? lan.heartbeatInterval().toMillis() + "," + lan.heartbeatTimeout().toMillis() + ","
                + lan.verifyTimeout().toMillis() : fd).split(",");
        return new PoolTimings(Duration.ofMillis(Long.parseLong(ff[0])), Duration.ofMillis(Long.parseLong(ff[1])),
                Duration.ofMillis(Long.parseLong(ff[2])),
                Duration.ofSeconds(Long.parseLong(mm[0])), Duration.ofSeconds(Long.parseLong(mm[1])), lan.joinTimeout());
    }

    private static long alive(MemberPool pool) {
        return pool.members().members().stream().filter(m -> m.status() == MemberStatus.ALIVE).count();
    }

    private void run(int n) throws Exception {
        System.out.printf("cairn N=%d (%s, LAN timings: heartbeat %s, timeout %s, merge every %s-%s)%n", n,
                key.isPresent() ? "gossip encrypted" : "in the clear", timings().heartbeatInterval(),
                timings().heartbeatTimeout(), timings().mergeMinInterval(), timings().mergeMaxInterval());
        long t0 = System.nanoTime();
        MemberPool first = start(0);
        if (!Boolean.getBoolean("bench.together")) {
            waitUntil(first::entered);
        }
        ExecutorService starters = Executors.newFixedThreadPool(4);
        List<Future<MemberPool>> started = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int index = i;
            started.add(starters.submit(() -> start(index)));
        }
        for (Future<MemberPool> f : started) {
            f.get();
        }
        starters.shutdown();
        long allStarted = System.nanoTime();
        List<MemberPool> members = List.copyOf(pools);
        if (!waitUntil(() -> members.stream().allMatch(p -> alive(p) == n))) {
            System.out.printf("  cold convergence: NOT reached within %s (min alive seen %d/%d)%n", LIMIT,
                    members.stream().mapToLong(ConvergenceBench::alive).min().orElse(0), n);
            return;
        }
        long converged = System.nanoTime();
        System.out.printf("  cold convergence (start of %d members -> all list %d alive): %.2f s (starting them took %.2f s)%n",
                n, n, (converged - t0) / 1e9, (allStarted - t0) / 1e9);

        settle();
        long j0 = System.nanoTime();
        start(n);
        String newcomer = "m" + n;
        waitUntil(() -> members.stream().allMatch(p -> p.members().member(newcomer)
                .map(m -> m.status() == MemberStatus.ALIVE).orElse(false)));
        System.out.printf("  join dissemination (new member -> all %d list it alive): %.2f s%n", n, (System.nanoTime() - j0) / 1e9);

        settle();
        int total = transports.size();
        RestWindow window = new RestWindow(transports, pools);
        Thread.sleep(REST_WINDOW.toMillis()); // a measuring window, not a wait on a condition
        boolean stillWhole = pools.stream().allMatch(p -> alive(p) == total);
        System.out.printf("  at rest (%d members, %s; pool whole: %s%n", total, window.end(), stillWhole);
    }

    /**
     * Bytes over a window at rest: sent and received per member, and who received most, with the
     * protocols that made it up (its coordinator's duties show there).
     */
    private static final class RestWindow {
        private final List<JGroupsTransport> transports;
        private final List<MemberPool> pools;
        private final long start = System.nanoTime();
        private final long[] sent;
        private final long[] received;
        private final List<Map<String, Long>> byProtocol = new ArrayList<>();

        /** @param pools the transports' pools, in the same order */
        RestWindow(List<JGroupsTransport> transports, List<MemberPool> pools) {
            this.transports = List.copyOf(transports);
            this.pools = List.copyOf(pools);
            sent = new long[this.transports.size()];
            received = new long[this.transports.size()];
            for (int i = 0; i < sent.length; i++) {
                TrafficCounter traffic = this.transports.get(i).traffic();
                sent[i] = traffic.bytesSent();
                received[i] = traffic.bytesReceived();
                byProtocol.add(traffic.bytesReceivedByProtocol());
            }
        }

        String end() {
            double seconds = (System.nanoTime() - start) / 1e9;
            long allSent = 0;
            long allReceived = 0;
            int busiest = 0;
            long most = -1;
            for (int i = 0; i < sent.length; i++) {
                TrafficCounter traffic = transports.get(i).traffic();
                allSent += traffic.bytesSent() - sent[i];
                long got = traffic.bytesReceived() - received[i];
                allReceived += got;
                if (got > most) {
                    most = got;
                    busiest = i;
                }
            }
            Map<String, Long> before = byProtocol.get(busiest);
            Map<String, Long> by = new java.util.HashMap<>();
            transports.get(busiest).traffic().bytesReceivedByProtocol()
                    .forEach((k, v) -> by.put(k, v - before.getOrDefault(k, 0L)));
            long all = Math.max(1, by.values().stream().mapToLong(Long::longValue).sum());
            StringBuilder shares = new StringBuilder();
            by.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .forEach(e -> shares.append(String.format(" %s %.0f%%", e.getKey(), 100.0 * e.getValue() / all)));
            int n = sent.length;
            return String.format("last %.0f s) %.0f B/s sent, %.0f B/s received per member; most received: %s %.0f B/s (%s)",
                    seconds, allSent / seconds / n, allReceived / seconds / n, pools.get(busiest).self().name(), most / seconds,
                    shares.toString().trim());
        }
    }

    /**
     * One of several JVMs sharing a pool of {@code total}: starts members {@code first} to
     * {@code first + count - 1}, prints when all of them list {@code total} alive (seconds
     * after {@code t0Millis}, the epoch the script started every part at), then whether they
     * hold that view at rest for {@link #HOLD} ({@code -Dbench.hold=SECONDS}): when the first
     * of them lists fewer, the fewest listed, and the traffic per member of its members over
     * the second half of the window; then stays in the pool until the other parts finished
     * measuring.
     */
    private static void part(long t0Millis, int first, int count, int total) throws Exception {
        // every part seals with the same key when the script passes one (BENCH_ENCRYPT=1)
        ConvergenceBench bench = new ConvergenceBench(Optional.ofNullable(System.getProperty("bench.key")));
        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<Future<MemberPool>> started = new ArrayList<>();
        if (first == 0) {
            bench.start(0);
        }
        for (int i = Math.max(first, 1); i < first + count; i++) {
            int index = i;
            started.add(starters.submit(() -> bench.start(index)));
        }
        for (Future<MemberPool> f : started) {
            f.get();
        }
        starters.shutdown();
        List<MemberPool> members = List.copyOf(bench.pools);
        boolean converged = bench.waitUntil(() -> members.stream().allMatch(p -> alive(p) == total));
        System.out.printf("part %d-%d: %s %.2f s after the start%n", first, first + count - 1,
                converged ? "all list " + total + " alive" : "NOT converged (min " + members.stream()
                        .mapToLong(ConvergenceBench::alive).min().orElse(0) + ")",
                (System.currentTimeMillis() - t0Millis) / 1e3);
        if (converged) {
            bench.hold(first, count, total);
        }
        lingerUntilAllDone(t0Millis, first);
        bench.close();
    }

    /**
     * Stays in the pool until every part is done measuring (each leaves a file in
     * {@code -Dbench.done=DIR}, the script says how many parts with {@code -Dbench.parts}), at
     * most until the latest a part can finish: leaving earlier would break the others' pool.
     */
    private static void lingerUntilAllDone(long t0Millis, int first) throws Exception {
        java.nio.file.Path done = java.nio.file.Path.of(System.getProperty("bench.done"));
        java.nio.file.Files.createFile(done.resolve("part-" + first));
        long parts = Long.getLong("bench.parts");
        long latest = t0Millis + LIMIT.toMillis() + HOLD.toMillis() + LINGER.toMillis();
        while (System.currentTimeMillis() < latest) {
            try (var files = java.nio.file.Files.list(done)) {
                if (files.count() >= parts) {
                    return;
                }
            }
            Thread.sleep(200); // polling the other JVMs' files
        }
    }

    /** See {@link #part}: samples every 100 ms whether every member lists {@code total} alive. */
    private void hold(int first, int count, int total) throws InterruptedException {
        List<MemberPool> members = List.copyOf(pools);
        long start = System.nanoTime();
        long half = start + HOLD.toNanos() / 2;
        long end = start + HOLD.toNanos();
        long broke = -1;
        long fewest = total;
        String missing = "";
        long lastBroken = -1;
        RestWindow window = null;
        while (System.nanoTime() < end) {
            long min = members.stream().mapToLong(ConvergenceBench::alive).min().orElse(0);
            fewest = Math.min(fewest, min);
            if (min < total && broke < 0) {
                broke = System.nanoTime() - start;
                missing = notAlive(members);
            }
            if (min < total) {
                lastBroken = System.nanoTime() - start;
            }
            if (window == null && System.nanoTime() >= half) {
                window = new RestWindow(transports, pools);
            }
            Thread.sleep(100); // a sampling period, not a wait on a condition
        }
        long now = members.stream().mapToLong(ConvergenceBench::alive).min().orElse(0);
        System.out.printf("part %d-%d: %s; at rest (%s%n", first, first + count - 1,
                broke < 0 ? "held " + total + " alive for " + HOLD.toSeconds() + " s"
                        : String.format("broke %.1f s after converging (%s; fewest listed %d, at the end %d%s)",
                                broke / 1e9, missing, fewest, now, now < total ? ": " + notAlive(members)
                                        : String.format(", whole again %.1f s after it broke", (lastBroken - broke) / 1e9 + 0.1)),
                window.end());
    }

    /** Who the member listing fewest alive does not list alive, and how it lists them. */
    private static String notAlive(List<MemberPool> members) {
        MemberPool fewest = members.stream().min(java.util.Comparator.comparingLong(ConvergenceBench::alive)).orElseThrow();
        return fewest.self().name() + " lists " + fewest.members().members().stream()
                .filter(m -> m.status() != MemberStatus.ALIVE).map(m -> m.name() + " " + m.status())
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /** Lets the join traffic die down before the next measure. */
    private static void settle() throws InterruptedException {
        Thread.sleep(3000);
    }

    /** Polls the condition until the limit, printing every {@link #PROGRESS} how many members the pools list alive. */
    private boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + LIMIT.toNanos();
        long report = start + PROGRESS.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > report) {
                report += PROGRESS.toNanos();
                List<MemberPool> now = List.copyOf(pools);
                System.out.printf("  %.0f s: alive listed per member min %d, max %d; %d still entering, %d alone%n",
                        (System.nanoTime() - start) / 1e9,
                        now.stream().mapToLong(ConvergenceBench::alive).min().orElse(0),
                        now.stream().mapToLong(ConvergenceBench::alive).max().orElse(0),
                        now.stream().filter(p -> !p.entered()).count(),
                        now.stream().filter(p -> p.entered() && alive(p) == 1).count());
            }
            Thread.sleep(20);
        }
        return false;
    }

    private void close() {
        pools.parallelStream().forEach(MemberPool::close);
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
    }
}
