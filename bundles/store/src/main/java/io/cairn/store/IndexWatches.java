package io.cairn.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who waits for which data: blocking reads park here on the exact key or the prefix they
 * read and are woken only when something there changes, not on unrelated writes. A waiter is
 * a future, not a thread; it leaves the registry when it completes for any reason (change,
 * timeout, cancel).
 *
 * <p>Futures are completed outside the registry's lock, on the thread that reports the
 * change; waiters should continue asynchronously.
 */
public final class IndexWatches {

    private final Map<String, Set<CompletableFuture<Void>>> keys = new HashMap<>();
    private final Map<String, Set<CompletableFuture<Void>>> prefixes = new HashMap<>();

    /** Completes when {@code key} changes. */
    public CompletableFuture<Void> watchKey(String key) {
        return register(keys, key);
    }

    /** Completes when any key starting with {@code prefix} changes. */
    public CompletableFuture<Void> watchPrefix(String prefix) {
        return register(prefixes, prefix);
    }

    /** Wakes the watchers of each key and of every prefix of it. */
    public void keysChanged(Collection<String> changed) {
        List<CompletableFuture<Void>> woken = new ArrayList<>();
        synchronized (this) {
            for (String key : changed) {
                take(keys, key, woken);
                for (int end = 0; end <= key.length(); end++) {
                    take(prefixes, key.substring(0, end), woken);
                }
            }
        }
        woken.forEach(f -> f.complete(null));
    }

    /** Wakes everyone: the whole state was replaced (snapshot restore). */
    public void allChanged() {
        List<CompletableFuture<Void>> woken = new ArrayList<>();
        synchronized (this) {
            keys.values().forEach(woken::addAll);
            prefixes.values().forEach(woken::addAll);
            keys.clear();
            prefixes.clear();
        }
        woken.forEach(f -> f.complete(null));
    }

    /** How many reads are parked, for metrics and tests. */
    public synchronized int waiting() {
        return keys.values().stream().mapToInt(Set::size).sum()
                + prefixes.values().stream().mapToInt(Set::size).sum();
    }

    private CompletableFuture<Void> register(Map<String, Set<CompletableFuture<Void>>> table, String key) {
        CompletableFuture<Void> change = new CompletableFuture<>();
        synchronized (this) {
            table.computeIfAbsent(key, k -> new HashSet<>()).add(change);
        }
        change.whenComplete((v, t) -> forget(table, key, change));
        return change;
    }

    private synchronized void forget(Map<String, Set<CompletableFuture<Void>>> table, String key,
                                     CompletableFuture<Void> change) {
        Set<CompletableFuture<Void>> waiters = table.get(key);
        if (waiters != null && waiters.remove(change) && waiters.isEmpty()) {
            table.remove(key);
        }
    }

    private static void take(Map<String, Set<CompletableFuture<Void>>> table, String key,
                             List<CompletableFuture<Void>> into) {
        Set<CompletableFuture<Void>> waiters = table.remove(key);
        if (waiters != null) {
            into.addAll(waiters);
        }
    }
}
