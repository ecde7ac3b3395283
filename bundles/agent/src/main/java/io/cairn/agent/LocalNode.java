package io.cairn.agent;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cairn.api.catalog.Node;
import io.cairn.api.config.AgentConfig;

/** This agent's node as it registers itself in the catalog. */
public record LocalNode(String id, String name, String address, String datacenter,
                        Map<String, String> taggedAddresses, Map<String, String> meta) {

    /** Consul's tagged addresses: {@code lan}/{@code wan} and their {@code _ipv4} twins. */
    public static LocalNode of(AgentConfig config) {
        String wan = config.advertiseAddrWan() == null || config.advertiseAddrWan().isEmpty()
                ? config.advertiseAddr() : config.advertiseAddrWan();
        Map<String, String> tagged = new LinkedHashMap<>();
        tagged.put("lan", config.advertiseAddr());
        tagged.put("lan_ipv4", config.advertiseAddr());
        tagged.put("wan", wan);
        tagged.put("wan_ipv4", wan);
        return new LocalNode(config.nodeId(), config.nodeName(), config.advertiseAddr(), config.datacenter(), tagged,
                config.nodeMeta());
    }

    public Node toNode() {
        return new Node(id, name, address, datacenter, taggedAddresses, meta, 0, 0);
    }

    /** True when the catalog's row for this node says what this agent would register. */
    public boolean matches(Node remote) {
        return remote.id().equalsIgnoreCase(id) && remote.address().equals(address)
                && remote.taggedAddresses().equals(taggedAddresses) && remote.meta().equals(meta);
    }
}
