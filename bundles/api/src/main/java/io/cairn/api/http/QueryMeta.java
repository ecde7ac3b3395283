package io.cairn.api.http;

/**
 * What a read tells about the data it came from; the HTTP bundle turns it into
 * {@code X-Consul-Index}, {@code X-Consul-KnownLeader}, {@code X-Consul-LastContact} and
 * {@code X-Consul-Effective-Consistency}.
 *
 * @param index         the index of the data returned; sent as at least 1
 * @param knownLeader   whether the answering server knows a leader
 * @param lastContactMs milliseconds since the answering server last heard from the leader (0 on the leader)
 * @param consistency   the mode the read was actually served in
 */
public record QueryMeta(long index, boolean knownLeader, long lastContactMs, Consistency consistency) {
}
