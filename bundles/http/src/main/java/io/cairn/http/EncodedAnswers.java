package io.cairn.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The encoded bytes of read answers, so that a read repeated at the same index is sent from
 * bytes encoded once (and gzipped once) instead of being serialised again.
 *
 * <p>An entry is found by the request (method, path and query without {@code index} and
 * {@code wait}) and used only when the handler answered with <em>the very same body
 * object</em> (identity, held weakly) at <em>the same index</em> as when it was encoded: the
 * store hands out one immutable list per (question, index) from its own read cache, which
 * checks the watch key's current index first, so the bytes can never be older than the data.
 * A handler that builds a new object per request never hits, and never costs cached bytes:
 * an answer is encoded into the cache only the second time the same object is seen at the same
 * index; the first time only its identity is noted.
 *
 * <p>Bounded by bytes and by entries: when the encoded bytes would pass {@code maxBytes}, or a
 * new request would pass {@code maxEntries}, the cache starts over.
 */
final class EncodedAnswers {

    /** What is kept for one request key. */
    static final class Entry {
        private final WeakReference<Object> body;
        private final long index;
        private final byte[] json;
        private volatile byte[] gzip;
        private volatile WireHeaders wire;

        private Entry(Object body, long index, byte[] json) {
            this.body = new WeakReference<>(body);
            this.index = index;
            this.json = json;
        }

        boolean answers(Object candidate, long candidateIndex) {
            return index == candidateIndex && body.get() == candidate;
        }

        /** The JSON bytes; null while the answer has only been seen once. */
        byte[] json() {
            return json;
        }

        /** The gzipped JSON, compressed at the first request that accepts gzip, then kept. */
        byte[] gzip() {
            byte[] zipped = gzip;
            if (zipped == null) {
                zipped = EncodedAnswers.gzip(json, Deflater.DEFAULT_COMPRESSION);
                gzip = zipped;
            }
            return zipped;
        }

        /**
         * This answer's header fields for {@code headers} as they go on the wire: the kept ones
         * when the last request answered with these bytes had the same headers (every watcher
         * of the question at this index), else encoded now and kept.
         */
        WireHeaders wire(Map<String, String> headers) {
            WireHeaders kept = wire;
            if (kept == null || !kept.encodes(headers)) {
                kept = new WireHeaders(headers, json.length);
                wire = kept;
            }
            return kept;
        }

        long size() {
            byte[] zipped = gzip;
            return (json == null ? 0 : json.length) + (zipped == null ? 0 : zipped.length) + 64;
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private final int maxEntries;

    EncodedAnswers(long maxBytes) {
        this(maxBytes, 10_000);
    }

    EncodedAnswers(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /** How many requests have an entry (noted or encoded). */
    int entries() {
        return entries.size();
    }

    /**
     * The cached entry for the answer {@code body} at {@code index} to the request {@code key},
     * encoding it with {@code encoder} when it is seen the second time; null when there are no
     * bytes to serve from the cache (the caller encodes as usual).
     */
    Entry lookup(String key, Object body, long index, Function<Object, byte[]> encoder) {
        Entry entry = entries.get(key);
        if (entry != null && entry.answers(body, index)) {
            if (entry.json != null) {
                hits.increment();
                return entry;
            }
            // seen once already: encode now and keep (a racing thread may do the same; either copy is right)
            byte[] json = encoder.apply(body);
            Entry encoded = new Entry(body, index, json);
            if (json.length + 64L > maxBytes / 4) {
                misses.increment();
                return encoded;
            }
            if (entries.replace(key, entry, encoded) && bytes.addAndGet(json.length + 64L) > maxBytes) {
                clear();
            }
            misses.increment();
            return encoded;
        }
        misses.increment();
        if (entries.size() >= maxEntries && !entries.containsKey(key)) {
            // every distinct read (each KV key...) notes an entry: start over rather than grow
            clear();
        }
        Entry seen = new Entry(body, index, null);
        Entry replaced = entries.put(key, seen);
        if (replaced != null && replaced.json != null) {
            bytes.addAndGet(-replaced.size());
        }
        return null;
    }

    /** Compresses once for an entry and accounts the kept bytes. */
    byte[] gzipOf(Entry entry) {
        boolean fresh = entry.gzip == null;
        byte[] zipped = entry.gzip();
        if (fresh && bytes.addAndGet(zipped.length) > maxBytes) {
            clear();
        }
        return zipped;
    }

    void clear() {
        entries.clear();
        bytes.set(0);
    }

    /** The bytes kept, as accounted. */
    long size() {
        return bytes.get();
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    /** {@code data} gzipped at {@code level}. */
    static byte[] gzip(byte[] data, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 8));
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(level);
            }
        }) {
            zip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
