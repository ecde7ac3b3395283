package io.cairn.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cairn.api.agent.BuildInfo;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.membership.MemberTags;

/**
 * The body of {@code GET /v1/agent/self}: what the agent says about itself, shaped as
 * Consul's (clients read {@code Config.Datacenter}, {@code Config.NodeName},
 * {@code Config.Server}, {@code Config.Version}, {@code Member.Tags}...).
 */
public record AgentSelf(Config config, Map<String, Object> debugConfig, Object coord, SelfMember member,
                        Map<String, String> meta, Map<String, Map<String, String>> stats) {

    /** {@code Self.Config}. */
    public record Config(String datacenter, String primaryDatacenter, String nodeName, String nodeId,
                         String revision, boolean server, String version, String buildDate) {
    }

    /** {@code Self.Member}: this agent as the LAN pool sees it (Status 1 = alive). */
    public record SelfMember(String name, String addr, int port, Map<String, String> tags, int status,
                             int protocolMin, int protocolMax, int protocolCur,
                             int delegateMin, int delegateMax, int delegateCur) {
    }

    public static AgentSelf of(AgentConfig c, BuildInfo build) {
        Config config = new Config(c.datacenter(), c.primaryDatacenter(), c.nodeName(), c.nodeId(),
                build.revision(), c.server(), build.consulVersion(), build.buildDate());
        SelfMember member = new SelfMember(c.nodeName(), c.advertiseAddr(), c.ports().serfLan(),
                MemberTags.of(c, build), 1, 1, 5, 2, 2, 5, 4);
        return new AgentSelf(config, debugConfig(c), null, member, c.nodeMeta(), stats(c, build));
    }

    private static Map<String, Object> debugConfig(AgentConfig c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Datacenter", c.datacenter());
        d.put("PrimaryDatacenter", c.primaryDatacenter());
        d.put("NodeName", c.nodeName());
        d.put("NodeID", c.nodeId());
        d.put("DataDir", c.dataDir());
        d.put("DevMode", c.dev());
        d.put("ServerMode", c.server());
        d.put("Bootstrap", c.bootstrap());
        d.put("BootstrapExpect", c.bootstrapExpect());
        d.put("BindAddr", c.bindAddr());
        d.put("ClientAddrs", List.of(c.clientAddr()));
        d.put("AdvertiseAddrLAN", c.advertiseAddr());
        d.put("DNSDomain", c.domain());
        d.put("HTTPPort", c.ports().http());
        d.put("HTTPSPort", c.ports().https());
        d.put("DNSPort", c.ports().dns());
        // Consul's gRPC port (xDS for Envoy): Cairn serves no gRPC, so disabled as Consul writes it
        d.put("GRPCPort", -1);
        d.put("ServerPort", c.ports().server());
        d.put("SerfPortLAN", c.ports().serfLan());
        d.put("SerfPortWAN", c.ports().serfWan());
        // Cairn's own: Karaf's SSH console (-1: off), which cairn shell attaches to
        d.put("ShellPort", c.ports().shell());
        d.put("RetryJoinLAN", c.retryJoin());
        d.put("LeaveOnTerm", c.leaveOnTerminate());
        d.put("RejoinAfterLeave", c.rejoinAfterLeave());
        d.put("UIConfig", Map.of("Enabled", c.ui()));
        return d;
    }

    private static Map<String, Map<String, String>> stats(AgentConfig c, BuildInfo build) {
        Map<String, Map<String, String>> stats = new LinkedHashMap<>();
        stats.put("agent", Map.of("server", String.valueOf(c.server())));
        stats.put("build", Map.of("version", build.consulVersion(), "revision", build.revision(),
                "prerelease", "", "cairn", build.version()));
        Runtime rt = Runtime.getRuntime();
        stats.put("runtime", Map.of(
                "arch", System.getProperty("os.arch"),
                "os", System.getProperty("os.name").toLowerCase(),
                "version", "java" + Runtime.version(),
                "cpu_count", String.valueOf(rt.availableProcessors()),
                "max_heap", String.valueOf(rt.maxMemory())));
        return stats;
    }
}
