package io.cairn.api.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * A node of the catalog, as {@code /v1/catalog/nodes} shows it.
 *
 * @param id              the node's UUID, "" when it registered without one
 * @param node            the node name, unique in the data centre
 * @param address         the address services on it are reached at unless they give their own
 * @param datacenter      the data centre it belongs to
 * @param taggedAddresses further addresses by tag ({@code lan}, {@code wan}...)
 * @param meta            the node's metadata ({@code node_meta})
 * @param createIndex     the Raft index that created it
 * @param modifyIndex     the Raft index of its last change
 */
public record Node(String id, String node, String address, String datacenter, Map<String, String> taggedAddresses,
                   Map<String, String> meta, long createIndex, long modifyIndex) {

    public Node {
        id = Objects.requireNonNullElse(id, "");
        Objects.requireNonNull(node, "node");
        address = Objects.requireNonNullElse(address, "");
        datacenter = Objects.requireNonNullElse(datacenter, "");
        taggedAddresses = taggedAddresses == null ? Map.of() : Map.copyOf(taggedAddresses);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    /** The same node at other indexes. */
    public Node withIndexes(long create, long modify) {
        return new Node(id, node, address, datacenter, taggedAddresses, meta, create, modify);
    }

    /** True when every {@code k:v} pair of {@code filters} is in the node's meta ({@code ?node-meta}). */
    public boolean hasMeta(Map<String, String> filters) {
        return filters.entrySet().stream().allMatch(f -> f.getValue().equals(meta.get(f.getKey())));
    }
}
