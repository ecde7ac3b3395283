package io.cairn.api.config;

import java.time.Duration;

/** {@code limits}: per-client connection caps, RPC rate limiting and request sizes. */
public record Limits(
        int httpMaxConnsPerClient,
        Duration httpsHandshakeTimeout,
        Duration rpcHandshakeTimeout,
        Duration rpcClientTimeout,
        int rpcMaxConnsPerClient,
        double rpcRate,
        int rpcMaxBurst,
        long kvMaxValueSize,
        long txnMaxReqLen) {
}
