package io.cairn.api.membership;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfig;

/**
 * The tags an agent announces in its pools, as Consul gossips them: {@code /v1/agent/self}
 * shows them as {@code Member.Tags}, {@code /v1/agent/members} for every member. One place,
 * so the two never disagree.
 */
public final class MemberTags {

    public static final String ROLE = "role";
    public static final String ROLE_SERVER = "consul";
    public static final String ROLE_CLIENT = "node";
    public static final String DATACENTER = "dc";
    public static final String SEGMENT = "segment";
    public static final String BUILD = "build";
    public static final String PROTOCOL = "vsn";
    /** A server's RPC port ({@code ports.server}). */
    public static final String SERVER_PORT = "port";
    /** Cairn's own: a server's Raft port ({@code ports.raft}), which Consul has no need of. */
    public static final String RAFT_PORT = "raft_port";

    private MemberTags() {
    }

    public static Map<String, String> of(AgentConfig c, BuildInfo build) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ROLE, c.server() ? ROLE_SERVER : ROLE_CLIENT);
        tags.put(DATACENTER, c.datacenter());
        tags.put("id", c.nodeId());
        tags.put(SEGMENT, "");
        tags.put(BUILD, build.consulVersion() + ":" + build.revision());
        tags.put(PROTOCOL, String.valueOf(build.protocol()));
        tags.put("vsn_min", "2");
        tags.put("vsn_max", "3");
        if (c.server()) {
            tags.put(SERVER_PORT, String.valueOf(c.ports().server()));
            tags.put(RAFT_PORT, String.valueOf(c.ports().raft()));
            if (c.bootstrap()) {
                tags.put("bootstrap", "1");
            }
            if (c.bootstrapExpect() > 0) {
                tags.put("expect", String.valueOf(c.bootstrapExpect()));
            }
        }
        // Cairn's own: node_meta rides along (as "meta.<key>"), so a reload that changes it is
        // seen by every member; Consul keeps node_meta in the catalog only
        new java.util.TreeMap<>(c.nodeMeta()).forEach((k, v) -> tags.put("meta." + k, v));
        return tags;
    }
}
