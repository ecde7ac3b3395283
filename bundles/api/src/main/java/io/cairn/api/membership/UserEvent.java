package io.cairn.api.membership;

import java.util.Objects;

/**
 * A user event (Consul's {@code /v1/event/fire}), spread to every agent of the data centre
 * over the LAN pool; each agent keeps those whose filters match it.
 *
 * @param id            a UUID chosen by the agent that fired it
 * @param name          what the event is called ({@code deploy})
 * @param payload       opaque bytes; empty for none
 * @param nodeFilter    a regular expression the receiving node's name must match; "" for any
 * @param serviceFilter a regular expression a service of the receiving agent must match; "" for any
 * @param tagFilter     with a service filter, a regular expression one of that service's tags must match
 * @param version       Consul's event format version, 1
 * @param lTime         the pool's Lamport time when it was fired
 * @since 1.1
 */
public record UserEvent(String id, String name, byte[] payload, String nodeFilter, String serviceFilter,
                        String tagFilter, int version, long lTime) {

    /** Consul's user event version. */
    public static final int VERSION = 1;

    public UserEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        payload = payload == null ? new byte[0] : payload.clone();
        nodeFilter = nodeFilter == null ? "" : nodeFilter;
        serviceFilter = serviceFilter == null ? "" : serviceFilter;
        tagFilter = tagFilter == null ? "" : tagFilter;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
