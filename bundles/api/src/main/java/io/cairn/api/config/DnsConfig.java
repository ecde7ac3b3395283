package io.cairn.api.config;

import java.time.Duration;
import java.util.Map;

/** {@code dns_config}: how the DNS interface answers; defaults as Consul's. */
public record DnsConfig(
        boolean allowStale,
        Duration maxStale,
        Duration nodeTtl,
        Map<String, Duration> serviceTtl,
        int udpAnswerLimit,
        int aRecordLimit,
        boolean enableTruncate,
        boolean onlyPassing,
        Duration recursorTimeout,
        boolean disableCompression,
        boolean enableAdditionalNodeMetaTxt) {

    public DnsConfig {
        serviceTtl = serviceTtl == null ? Map.of() : Map.copyOf(serviceTtl);
    }
}
