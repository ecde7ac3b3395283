package io.cairn.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.kv.KvEntry;
import io.cairn.api.kv.KvPut;
import io.cairn.api.kv.KvStore;
import io.cairn.store.Linearizability.Op;

/**
 * Clients of a Raft group's KV, each a thread running random writes, reads and CAS on a few
 * keys through the servers still alive, recording every operation as it saw it for
 * {@link Linearizability}: values unique per client and sequence number, an operation without
 * an answer recorded as unknown.
 */
final class KvHistory {

    private static final List<String> KEYS = List.of("lin/a", "lin/b", "lin/c");
    private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);

    private final Map<RaftNode, KvStore> stores;
    private final Set<RaftNode> dead = ConcurrentHashMap.newKeySet();
    private final List<Op> ops = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    KvHistory(Map<RaftNode, KvStore> stores) {
        this.stores = stores;
    }

    /** Stops a server under the clients' feet; they move to the others. */
    void kill(RaftNode node) throws IOException {
        dead.add(node);
        node.close();
    }

    void stop() {
        running.set(false);
    }

    synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    /** How many operations sent at or after {@code nanoTime} have an answer. */
    synchronized long completedSince(long nanoTime) {
        return ops.stream().filter(op -> op.invoked() >= nanoTime && op.known()).count();
    }

    private synchronized void record(Op op) {
        ops.add(op);
    }

    void runClient(int client) {
        Random random = new Random(client);
        for (int seq = 0; running.get(); seq++) {
            String key = KEYS.get(random.nextInt(KEYS.size()));
            String value = "c" + client + "-" + seq;
            KvStore kv = stores.get(liveNode(client + seq));
            int dice = random.nextInt(10);
            if (dice < 4) {
                write(kv, key, value);
            } else if (dice < 6) {
                checkAndSet(kv, key, value);
            } else {
                read(kv, key, dice < 8 ? Consistency.DEFAULT : Consistency.CONSISTENT);
            }
        }
    }

    private RaftNode liveNode(int pick) {
        List<RaftNode> live = stores.keySet().stream().filter(n -> !dead.contains(n))
                .sorted((a, b) -> a.peerId().toString().compareTo(b.peerId().toString())).toList();
        return live.get(pick % live.size());
    }

    private void write(KvStore kv, String key, String value) {
        long invoked = System.nanoTime();
        Op op = answer(() -> kv.put(KvPut.of(key, bytes(value))))
                .map(ok -> Op.write(key, value, invoked, System.nanoTime()))
                .orElseGet(() -> Op.write(key, value, invoked, 0).unknown());
        record(op);
    }

    /** A consistent read, then a CAS on the ModifyIndex it saw: with unique values, a CAS on the value read. */
    private void checkAndSet(KvStore kv, String key, String value) {
        Optional<Optional<KvEntry>> seen = read(kv, key, Consistency.CONSISTENT);
        if (seen.isEmpty()) {
            return;
        }
        String expected = seen.get().map(e -> text(e.value())).orElse(null);
        long index = seen.get().map(KvEntry::modifyIndex).orElse(0L);
        long invoked = System.nanoTime();
        Op op = answer(() -> kv.put(new KvPut(key, bytes(value), 0, OptionalLong.of(index))))
                .map(ok -> Op.cas(key, expected, value, ok, invoked, System.nanoTime()))
                .orElseGet(() -> Op.cas(key, expected, value, true, invoked, 0).unknown());
        record(op);
    }

    /** What the read saw, or empty when it failed (a failed read tells nothing and is left out). */
    private Optional<Optional<KvEntry>> read(KvStore kv, String key, Consistency consistency) {
        long invoked = System.nanoTime();
        QueryOptions options = new QueryOptions(Optional.empty(), Optional.empty(), consistency, 0,
                Duration.ofSeconds(5), Optional.empty(), Optional.empty(), Map.of());
        Optional<Optional<KvEntry>> seen = answer(() -> kv.get(key, options)).map(r -> r.value());
        seen.ifPresent(entry -> record(Op.read(key, entry.map(e -> text(e.value())).orElse(null), invoked,
                System.nanoTime())));
        return seen;
    }

    /** The answer, or empty when none came in time (a server stopped under the call fails it at once). */
    private static <T> Optional<T> answer(Supplier<CompletionStage<T>> call) {
        try {
            return Optional.of(call.get().toCompletableFuture().get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
