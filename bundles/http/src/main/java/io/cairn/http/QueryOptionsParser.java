package io.cairn.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

import io.cairn.api.config.GoDuration;
import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.QueryOptions;

/**
 * Reads the options every Consul endpoint shares, once, with Consul's messages for bad
 * input (agent/http.go {@code parseWait}, {@code parseConsistency}, {@code parseToken}).
 */
public final class QueryOptionsParser {

    /** Consul's {@code default_query_time}. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    /** Consul's {@code max_query_time}. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /** Blocking waits get up to wait/16 more so that watchers started together do not return together. */
    private static final int JITTER_FRACTION = 16;

    private final LongUnaryOperator jitter;

    /** A parser drawing wait jitter at random. */
    public QueryOptionsParser() {
        this(bound -> ThreadLocalRandom.current().nextLong(bound));
    }

    /** @param jitter given a positive bound in nanoseconds, returns a value in [0, bound) */
    public QueryOptionsParser(LongUnaryOperator jitter) {
        this.jitter = jitter;
    }

    /**
     * @param query  the request's query parameters
     * @param header the request's headers by name, case-insensitive, null when absent
     */
    public QueryOptions parse(QueryParameters query, Function<String, String> header) throws HttpException {
        Consistency consistency = consistency(query);
        long minIndex = index(query);
        return new QueryOptions(
                query.nonEmpty("dc"),
                token(query, header),
                consistency,
                minIndex,
                wait(query, minIndex > 0),
                query.nonEmpty("filter"),
                query.nonEmpty("near"),
                nodeMeta(query));
    }

    private static Consistency consistency(QueryParameters query) throws HttpException {
        boolean stale = query.flag("stale");
        boolean consistent = query.flag("consistent");
        if (stale && consistent) {
            throw HttpException.badRequest("Cannot specify ?stale with ?consistent, conflicting semantics.");
        }
        return stale ? Consistency.STALE : consistent ? Consistency.CONSISTENT : Consistency.DEFAULT;
    }

    /** An unsigned 64-bit index, as Consul's (the event list's index uses all 64 bits). */
    private static long index(QueryParameters query) throws HttpException {
        Optional<String> text = query.nonEmpty("index");
        if (text.isEmpty()) {
            return 0;
        }
        if (!text.get().chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpException.badRequest("Invalid index");
        }
        try {
            return Long.parseUnsignedLong(text.get());
        } catch (NumberFormatException e) {
            throw HttpException.badRequest("Invalid index");
        }
    }

    private Duration wait(QueryParameters query, boolean blocking) throws HttpException {
        Duration wait = DEFAULT_WAIT;
        Optional<String> text = query.nonEmpty("wait");
        if (text.isPresent()) {
            try {
                wait = GoDuration.parse(text.get());
            } catch (IllegalArgumentException e) {
                throw HttpException.badRequest("Invalid wait time");
            }
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        } else if (wait.isNegative() || wait.isZero()) {
            wait = DEFAULT_WAIT;
        }
        long bound = wait.toNanos() / JITTER_FRACTION;
        return blocking && bound > 0 ? wait.plusNanos(jitter.applyAsLong(bound)) : wait;
    }

    /** Consul's precedence: {@code ?token}, then {@code X-Consul-Token}, then {@code Authorization: Bearer}. */
    private static Optional<String> token(QueryParameters query, Function<String, String> header) {
        Optional<String> token = query.nonEmpty("token");
        if (token.isPresent()) {
            return token;
        }
        String consulToken = header.apply("X-Consul-Token");
        if (consulToken != null && !consulToken.isBlank()) {
            return Optional.of(consulToken.trim());
        }
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            return Optional.empty();
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")
                ? Optional.of(parts[1].trim())
                : Optional.empty();
    }

    /** {@code node-meta=k:v}, repeatable; a pair without a colon has the value "". */
    private static Map<String, String> nodeMeta(QueryParameters query) {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String pair : query.all("node-meta")) {
            int colon = pair.indexOf(':');
            meta.put(colon < 0 ? pair : pair.substring(0, colon), colon < 0 ? "" : pair.substring(colon + 1));
        }
        return meta;
    }
}
