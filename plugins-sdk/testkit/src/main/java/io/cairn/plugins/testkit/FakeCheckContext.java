package io.cairn.plugins.testkit;

import java.time.Clock;
import java.time.Duration;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.config.CheckDefinition;

/**
 * What the agent's check runner passes to {@code CheckType.run}, for tests.
 *
 * @param checkId the check's id
 * @param timeout how long the run may take
 * @param current the status before this run (critical with no output for a new check, as the agent starts them)
 * @param clock   the agent's clock
 */
public record FakeCheckContext(String checkId, Duration timeout, CheckResult current, Clock clock)
        implements CheckContext {

    /** The agent's default when a check sets no {@code Timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The context the runner would give a definition's first run: its id and timeout, a new check's status. */
    public static FakeCheckContext of(CheckDefinition check, Clock clock) {
        Duration timeout = check.timeout() == null || check.timeout().isZero() || check.timeout().isNegative() ? DEFAULT_TIMEOUT : check.timeout();
        return new FakeCheckContext(check.id() == null ? "check" : check.id(), timeout,
                new CheckResult(HealthStatus.CRITICAL, ""), clock);
    }

    public static FakeCheckContext of(CheckDefinition check) {
        return of(check, Clock.systemUTC());
    }

    /** The same context after a run that found {@code result}. */
    public FakeCheckContext after(CheckResult result) {
        return new FakeCheckContext(checkId, timeout, result, clock);
    }
}
