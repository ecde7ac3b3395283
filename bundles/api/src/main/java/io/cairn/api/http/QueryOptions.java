package io.cairn.api.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The query options common to Consul's endpoints, parsed once by the HTTP bundle.
 *
 * @param datacenter  {@code ?dc}, empty for the agent's own
 * @param token       from {@code X-Consul-Token}, {@code Authorization: Bearer} or {@code ?token}
 * @param consistency {@code ?stale} / {@code ?consistent}
 * @param minIndex    {@code ?index}: block until the data's index passes it; 0 = no block. An
 *                    unsigned 64-bit value (read it with {@link Long#compareUnsigned}): some
 *                    indexes are not Raft indexes (the event list's is derived from an event id)
 * @param maxWait     {@code ?wait}, defaulted and capped (5 min default, 10 min max)
 * @param filter      {@code ?filter} expression, empty if none
 * @param near        {@code ?near}, empty if none
 * @param nodeMeta    {@code ?node-meta=k:v} pairs
 */
public record QueryOptions(
        Optional<String> datacenter,
        Optional<String> token,
        Consistency consistency,
        long minIndex,
        Duration maxWait,
        Optional<String> filter,
        Optional<String> near,
        Map<String, String> nodeMeta) {

    public QueryOptions {
        nodeMeta = Map.copyOf(nodeMeta);
    }

    /** True when the request asks to block ({@code index} given and not zero). */
    public boolean blocking() {
        return minIndex != 0;
    }
}
