package io.cairn.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime configuration of one agent, every default applied and every value validated.
 * Immutable; a reload produces a new instance.
 *
 * <p>The config bundle owns how this is built; this record only carries the result. Nested
 * blocks ({@code tls}, {@code dns_config}, {@code services}...) are added as records of their own.
 */
public record AgentConfig(
        String nodeName,
        String nodeId,
        String datacenter,
        String primaryDatacenter,
        String domain,
        String dataDir,
        boolean server,
        boolean dev,
        boolean bootstrap,
        int bootstrapExpect,
        String bindAddr,
        String clientAddr,
        String advertiseAddr,
        Ports ports,
        List<String> retryJoin,
        Duration retryInterval,
        int retryMax,
        String logLevel,
        Optional<String> encrypt,
        boolean leaveOnTerminate,
        boolean rejoinAfterLeave,
        boolean ui,
        Map<String, String> nodeMeta) {

    public AgentConfig {
        retryJoin = List.copyOf(retryJoin);
        nodeMeta = Map.copyOf(nodeMeta);
    }

    /** The address others reach this agent's server RPC at, {@code advertise:server-port}. */
    public String serverRpcAddress() {
        return advertiseAddr + ":" + ports.server();
    }
}
