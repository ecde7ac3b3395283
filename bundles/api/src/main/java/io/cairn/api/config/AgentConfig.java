package io.cairn.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime configuration of one agent, every default applied and every value validated.
 * Immutable; a reload produces a new instance.
 *
 * <p>The config bundle owns how this is built; this record only carries the result. The
 * first components are the ones every bundle needs; the blocks after {@code nodeMeta} are
 * parsed and validated even where no bundle acts on them yet.
 *
 * @param dataDirTemporary {@code -dev} without {@code -data-dir}: a fresh temporary
 *        directory the launcher deletes on exit
 * @param recursors upstream DNS servers for names outside the Cairn domains
 * @param services services defined in config files ({@code service}/{@code services})
 * @param checks node-level or service checks defined in config files ({@code check}/{@code checks})
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
        Map<String, String> nodeMeta,
        boolean dataDirTemporary,
        Optional<String> altDomain,
        Addresses addresses,
        String advertiseAddrWan,
        boolean translateWanAddrs,
        List<String> retryJoinWan,
        Duration reconnectTimeout,
        boolean skipLeaveOnInterrupt,
        Optional<String> pidFile,
        Tls tls,
        AutoEncrypt autoEncrypt,
        Performance performance,
        DnsConfig dnsConfig,
        List<String> recursors,
        Limits limits,
        Telemetry telemetry,
        Acl acl,
        Duration sessionTtlMin,
        Duration defaultQueryTime,
        Duration maxQueryTime,
        boolean enableScriptChecks,
        boolean enableLocalScriptChecks,
        List<ServiceDefinition> services,
        List<CheckDefinition> checks) {

    public AgentConfig {
        retryJoin = List.copyOf(retryJoin);
        nodeMeta = Map.copyOf(nodeMeta);
        retryJoinWan = List.copyOf(retryJoinWan);
        recursors = List.copyOf(recursors);
        services = List.copyOf(services);
        checks = List.copyOf(checks);
    }

    /** The address others reach this agent's server RPC at, {@code advertise:server-port}. */
    public String serverRpcAddress() {
        return advertiseAddr + ":" + ports.server();
    }
}
