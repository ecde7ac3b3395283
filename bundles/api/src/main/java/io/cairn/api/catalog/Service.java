package io.cairn.api.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service instance registered on a node, shaped as Consul's {@code AgentService}: what
 * {@code /v1/catalog/node/:node} and {@code /v1/health/service/:name} show and what a
 * registration carries.
 *
 * @param kind              empty for a plain service ({@code connect-proxy}... otherwise)
 * @param id                unique on its node; defaults to the name on registration
 * @param service           the service name
 * @param tags              in registration order
 * @param address           "" to be reached at the node's address
 * @param taggedAddresses   further addresses by tag
 * @param meta              the service's metadata
 * @param port              its port, 0 if none
 * @param weights           DNS SRV weights; {@link Weights#DEFAULT} when not given
 * @param enableTagOverride whether agents other than the owner may change its tags
 * @param createIndex       the Raft index that created it
 * @param modifyIndex       the Raft index of its last change
 */
public record Service(Optional<String> kind, String id, String service, List<String> tags, String address,
                      Map<String, ServiceAddress> taggedAddresses, Map<String, String> meta, int port,
                      Weights weights, boolean enableTagOverride, long createIndex, long modifyIndex) {

    public Service {
        kind = kind == null ? Optional.empty() : kind.filter(k -> !k.isEmpty());
        id = Objects.requireNonNullElse(id, "");
        service = Objects.requireNonNullElse(service, "");
        tags = tags == null ? List.of() : List.copyOf(tags);
        address = Objects.requireNonNullElse(address, "");
        taggedAddresses = taggedAddresses == null ? Map.of() : Map.copyOf(taggedAddresses);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        weights = Objects.requireNonNullElse(weights, Weights.DEFAULT);
    }

    /** A plain service with a name, id, tags and port; everything else defaulted. */
    public static Service of(String id, String name, List<String> tags, int port) {
        return new Service(Optional.empty(), id, name, tags, "", Map.of(), Map.of(), port, Weights.DEFAULT,
                false, 0, 0);
    }

    /** The same service under another id (registration defaults the id to the name). */
    public Service withId(String newId) {
        return new Service(kind, newId, service, tags, address, taggedAddresses, meta, port, weights,
                enableTagOverride, createIndex, modifyIndex);
    }

    /** The same service at other indexes. */
    public Service withIndexes(long create, long modify) {
        return new Service(kind, id, service, tags, address, taggedAddresses, meta, port, weights,
                enableTagOverride, create, modify);
    }

    /** True when it carries every one of {@code wanted} (Consul's repeatable {@code ?tag}, AND), ignoring case as Consul. */
    public boolean hasTags(List<String> wanted) {
        return wanted.stream().allMatch(w -> tags.stream().anyMatch(w::equalsIgnoreCase));
    }
}
