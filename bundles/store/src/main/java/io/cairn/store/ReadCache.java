package io.cairn.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers of the catalog's hot list reads ({@code /v1/health/service/:name},
 * {@code /v1/catalog/service/:name}), each kept with the index of the watch key it was read
 * at. A read first looks up the key's current index (one probe of the index table, under the
 * read lock like the read itself) and is served the kept answer, the very same immutable list
 * object, only when that index and the state's generation (bumped when a snapshot replaces
 * the tables) are the ones it was read at; otherwise it is read again and replaces the entry.
 * So no answer is ever older than the data, and repeated reads at one index cost no read and,
 * since the HTTP layer recognises the same object at the same index, no JSON encoding either.
 *
 * <p>Bounded by entry count: past {@code maxEntries} distinct questions the cache starts over.
 */
final class ReadCache {

    /** One question: the read's kind, the name asked for (as given) and every option that shapes the answer. */
    record Key(String kind, String name, List<String> tags, boolean passingOnly, Map<String, String> nodeMeta) {
        Key {
            tags = List.copyOf(tags);
            nodeMeta = Map.copyOf(nodeMeta);
        }
    }

    private record Entry(Object value, long index, long generation) {
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    ReadCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The answer kept for {@code key} if it was read at exactly this index and generation, else null. */
    @SuppressWarnings("unchecked")
    <T> T get(Key key, long index, long generation) {
        Entry entry = entries.get(key);
        if (entry != null && entry.index() == index && entry.generation() == generation) {
            hits.increment();
            return (T) entry.value();
        }
        misses.increment();
        return null;
    }

    /** Keeps an answer read at {@code index}; a newer entry for the key is not replaced by an older one. */
    void put(Key key, Object value, long index, long generation) {
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            entries.clear();
        }
        Entry fresh = new Entry(value, index, generation);
        entries.merge(key, fresh, (old, mine) -> old.generation() == mine.generation() && old.index() > mine.index()
                ? old : mine);
    }

    void clear() {
        entries.clear();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    int size() {
        return entries.size();
    }
}
