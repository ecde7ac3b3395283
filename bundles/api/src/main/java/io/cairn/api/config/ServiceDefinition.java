package io.cairn.api.config;

import java.util.List;
import java.util.Map;

/**
 * A service defined in a config file ({@code service}/{@code services}); the agent registers
 * it at start as if it came through {@code PUT /v1/agent/service/register}. {@code id}
 * defaults to {@code name}; a single {@code check} is the first of {@code checks}.
 */
public record ServiceDefinition(
        String id,
        String name,
        String kind,
        List<String> tags,
        String address,
        int port,
        Map<String, String> meta,
        boolean enableTagOverride,
        Weights weights,
        String token,
        List<CheckDefinition> checks) {

    public ServiceDefinition {
        id = id == null ? name : id;
        tags = tags == null ? List.of() : List.copyOf(tags);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        weights = weights == null ? new Weights(1, 1) : weights;
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** DNS SRV weights by health; Consul's default is 1 and 1. */
    public record Weights(int passing, int warning) {
    }
}
