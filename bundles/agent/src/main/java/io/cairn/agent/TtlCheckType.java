package io.cairn.agent;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * Consul's TTL check: the application reports its own status ({@code /v1/agent/check/pass/:id}
 * and friends); when no report comes within the TTL the check turns critical with
 * {@code TTL expired}, keeping the last output it had.
 */
public final class TtlCheckType implements CheckType {

    public static final String NAME = "ttl";

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        String last = context.current().output();
        return CompletableFuture.completedFuture(CheckResult.critical(last.isEmpty()
                ? "TTL expired" : "TTL expired (last output before timeout follows): " + last));
    }

    @Override
    public Duration period(CheckDefinition check) {
        return check.ttl();
    }

    @Override
    public boolean passive() {
        return true;
    }
}
