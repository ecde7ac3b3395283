package io.cairn.api.config;

import java.time.Duration;

/** {@code performance}: Raft timing scale (1 = fastest, production) and leave behaviour. */
public record Performance(int raftMultiplier, Duration leaveDrainTime, Duration rpcHoldTimeout) {
}
