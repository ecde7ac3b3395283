package io.cairn.api.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A health check defined in a config file ({@code check}/{@code checks}, at the top level or
 * inside a service). Exactly what was written: the checks bundle decides its type from which
 * of {@code args}, {@code http}, {@code tcp}, {@code udp}, {@code grpc}, {@code h2ping},
 * {@code ttl}, {@code aliasService}... is set. Unset values are {@code null}.
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
    }
}
