package io.cairn.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A health check defined in a config file ({@code check}/{@code checks}, at the top level or
 * inside a service). Exactly what was written: the checks bundle decides its type from which
 * of {@code args}, {@code http}, {@code tcp}, {@code udp}, {@code grpc}, {@code h2ping},
 * {@code ttl}, {@code aliasService}... is set. Unset values are {@code null}.
 *
 * <p>{@code h2pingUseTls} ({@code H2PingUseTLS}, {@code h2ping_use_tls}) is never null: true
 * unless set to false, as in Consul (an H2PING check speaks TLS unless told otherwise).
 *
 * @since 1.3 ({@code h2pingUseTls})
 */
public record CheckDefinition(
        String id,
        String name,
        String notes,
        String serviceId,
        String status,
        List<String> args,
        String http,
        String method,
        Map<String, List<String>> header,
        String body,
        String tcp,
        String udp,
        String grpc,
        boolean grpcUseTls,
        String h2ping,
        Boolean h2pingUseTls,
        String dockerContainerId,
        String shell,
        String aliasNode,
        String aliasService,
        String tlsServerName,
        boolean tlsSkipVerify,
        Duration interval,
        Duration timeout,
        Duration ttl,
        Duration deregisterCriticalServiceAfter,
        int successBeforePassing,
        int failuresBeforeWarning,
        int failuresBeforeCritical,
        int outputMaxSize) {

    public CheckDefinition {
        args = args == null ? List.of() : List.copyOf(args);
        header = header == null ? Map.of() : Map.copyOf(header);
        h2pingUseTls = h2pingUseTls == null ? Boolean.TRUE : h2pingUseTls;
    }

    /** A definition as before {@code h2pingUseTls} was modelled: an H2PING check of it uses TLS. */
    public CheckDefinition(String id, String name, String notes, String serviceId, String status, List<String> args,
                           String http, String method, Map<String, List<String>> header, String body, String tcp,
                           String udp, String grpc, boolean grpcUseTls, String h2ping, String dockerContainerId,
                           String shell, String aliasNode, String aliasService, String tlsServerName,
                           boolean tlsSkipVerify, Duration interval, Duration timeout, Duration ttl,
                           Duration deregisterCriticalServiceAfter, int successBeforePassing,
                           int failuresBeforeWarning, int failuresBeforeCritical, int outputMaxSize) {
        this(id, name, notes, serviceId, status, args, http, method, header, body, tcp, udp, grpc, grpcUseTls, h2ping,
                Boolean.TRUE, dockerContainerId, shell, aliasNode, aliasService, tlsServerName, tlsSkipVerify,
                interval, timeout, ttl, deregisterCriticalServiceAfter, successBeforePassing, failuresBeforeWarning,
                failuresBeforeCritical, outputMaxSize);
    }
}
