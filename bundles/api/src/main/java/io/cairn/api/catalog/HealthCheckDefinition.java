package io.cairn.api.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a check is run, as the catalog keeps it for display ({@code Definition} of a health
 * check); every part is optional and omitted from JSON when absent. Durations are kept as
 * the Go duration text they were given in ({@code "10s"}).
 */
public record HealthCheckDefinition(Optional<String> http, Optional<Map<String, List<String>>> header,
                                    Optional<String> method, Optional<String> body,
                                    Optional<String> tlsServerName, Optional<Boolean> tlsSkipVerify,
                                    Optional<String> tcp, Optional<String> udp, Optional<String> grpc,
                                    Optional<Boolean> grpcUseTls, Optional<String> interval,
                                    Optional<String> timeout, Optional<String> deregisterCriticalServiceAfter) {

    public static final HealthCheckDefinition NONE = new HealthCheckDefinition(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public HealthCheckDefinition {
        http = orEmpty(http);
        header = orEmpty(header).map(Map::copyOf);
        method = orEmpty(method);
        body = orEmpty(body);
        tlsServerName = orEmpty(tlsServerName);
        tlsSkipVerify = tlsSkipVerify == null ? Optional.empty() : tlsSkipVerify;
        tcp = orEmpty(tcp);
        udp = orEmpty(udp);
        grpc = orEmpty(grpc);
        grpcUseTls = grpcUseTls == null ? Optional.empty() : grpcUseTls;
        interval = orEmpty(interval);
        timeout = orEmpty(timeout);
        deregisterCriticalServiceAfter = orEmpty(deregisterCriticalServiceAfter);
    }

    /** Consul omits empty strings and maps: treat them as absent, so equal definitions compare equal. */
    private static <T> Optional<T> orEmpty(Optional<T> value) {
        return value == null ? Optional.empty() : value.filter(v -> !(v instanceof String s && s.isEmpty())
                && !(v instanceof Map<?, ?> m && m.isEmpty()));
    }

    /** The check type Consul derives from the definition: {@code http}, {@code tcp}... or "" when none is set. */
    public String type() {
        if (http.isPresent()) {
            return "http";
        }
        if (tcp.isPresent()) {
            return "tcp";
        }
        if (udp.isPresent()) {
            return "udp";
        }
        if (grpc.isPresent()) {
            return "grpc";
        }
        return "";
    }
}
