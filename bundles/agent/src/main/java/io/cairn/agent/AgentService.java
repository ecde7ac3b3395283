package io.cairn.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.ServiceAddress;
import io.cairn.api.catalog.Weights;

/**
 * A service as {@code /v1/agent/services} and {@code /v1/agent/service/:id} show it (Consul's
 * {@code AgentService}): no indexes, the agent's data centre, {@code Kind},
 * {@code TaggedAddresses} and {@code ContentHash} only when set.
 */
public record AgentService(Optional<String> kind, String id, String service, List<String> tags,
                           Map<String, String> meta, int port, String address,
                           Optional<Map<String, ServiceAddress>> taggedAddresses, Weights weights,
                           boolean enableTagOverride, Optional<String> contentHash, String datacenter) {

    public static AgentService of(Service s, String datacenter) {
        return new AgentService(s.kind(), s.id(), s.service(), s.tags(), s.meta(), s.port(), s.address(),
                Optional.of(s.taggedAddresses()).filter(t -> !t.isEmpty()), s.weights(), s.enableTagOverride(),
                Optional.empty(), datacenter);
    }

    /** The same with Consul's {@code ContentHash}: changes whenever anything shown changes. */
    public AgentService withContentHash() {
        String hash = Long.toHexString(Integer.toUnsignedLong(hashCode()) << 32 | Integer.toUnsignedLong(toString().hashCode()));
        return new AgentService(kind, id, service, tags, meta, port, address, taggedAddresses, weights,
                enableTagOverride, Optional.of(hash), datacenter);
    }
}
