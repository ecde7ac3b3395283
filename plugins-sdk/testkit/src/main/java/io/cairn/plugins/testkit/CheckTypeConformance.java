package io.cairn.plugins.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * What every {@link CheckType} must do, built-in or plugin. Extend it in a test, say how to
 * make a check of your type pass and fail, and JUnit runs these against it:
 *
 * <ul>
 * <li>a passing check answers passing, a failing one warning or critical with an output that says why;
 * <li>a failure is a result, never an exception or a stage completed exceptionally;
 * <li>every run answers within the check's timeout, even when the target hangs;
 * <li>{@code run} returns at once: slow work completes the stage later (the agent runs
 *     thousands of checks on a few threads);
 * <li>checks run side by side do not mix up their results; a check can run again and again;
 * <li>an active type has a positive period.
 * </ul>
 *
 * <pre>{@code
 * class FileCheckTypeTest extends CheckTypeConformance {
 *     @TempDir Path dir;
 *     protected CheckType type() { return new FileCheckType(); }
 *     protected CheckDefinition passing() throws Exception { ...create a file...; return check("ok").http("file://" + file).build(); }
 *     protected CheckDefinition failing() { return check("gone").http("file://" + dir.resolve("missing")).build(); }
 * }
 * }</pre>
 */
public abstract class CheckTypeConformance {

    /** How long {@code run} itself may take before it returns its stage. */
    protected static final Duration RUN_RETURNS_WITHIN = Duration.ofSeconds(1);
    /** Slack beyond the check's timeout for the stage to complete (scheduling, a loaded CI machine). */
    protected static final Duration GRACE = Duration.ofSeconds(2);

    /** The type under test. Called once per test; may return a shared instance. */
    protected abstract CheckType type() throws Exception;

    /** A check of this type that passes now. */
    protected abstract CheckDefinition passing() throws Exception;

    /** A check of this type that fails now (target down, condition false). */
    protected abstract CheckDefinition failing() throws Exception;

    /**
     * A check whose target never answers, with a short {@code Timeout} (1-2 s): the run must
     * still end within it. Empty when the type has no such case (it never waits on anything).
     */
    protected Optional<CheckDefinition> hanging() throws Exception {
        return Optional.empty();
    }

    /** A check whose own settings are wrong (an address without a port, a bad URL...); empty if none can be. */
    protected Optional<CheckDefinition> malformed() throws Exception {
        return Optional.empty();
    }

    @Test
    void aPassingCheckPasses() throws Exception {
        CheckResult result = runToEnd(passing());
        assertEquals(HealthStatus.PASSING, result.status(), () -> "passing check answered " + result);
    }

    @Test
    void aFailingCheckFailsAndSaysWhy() throws Exception {
        CheckResult result = runToEnd(failing());
        assertNotEquals(HealthStatus.PASSING, result.status(), () -> "failing check answered " + result);
        assertFalse(result.output().isBlank(), "a failing check must say why in its output");
    }

    @Test
    void aMalformedCheckIsCriticalNotAnException() throws Exception {
        Optional<CheckDefinition> check = malformed();
        assumeTrue(check.isPresent(), "the type has no malformed case");
        CheckResult result = runToEnd(check.get());
        assertEquals(HealthStatus.CRITICAL, result.status(), () -> "malformed check answered " + result);
        assertFalse(result.output().isBlank(), "a malformed check must say what is wrong");
    }

    @Test
    void aHangingTargetEndsWithinTheTimeout() throws Exception {
        Optional<CheckDefinition> check = hanging();
        assumeTrue(check.isPresent(), "the type has no hanging case");
        CheckResult result = runToEnd(check.get());
        assertNotEquals(HealthStatus.PASSING, result.status(), () -> "hanging check answered " + result);
    }

    @Test
    void runReturnsAtOnce() throws Exception {
        CheckType type = type();
        CheckDefinition check = hanging().orElse(passing());
        long start = System.nanoTime();
        CompletableFuture<CheckResult> stage = type.run(check, FakeCheckContext.of(check)).toCompletableFuture();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(RUN_RETURNS_WITHIN) <= 0,
                "run took " + took.toMillis() + " ms to return; slow work must complete the stage later");
        await(stage, check);
    }

    @Test
    void checksSideBySideKeepTheirOwnResults() throws Exception {
        CheckType type = type();
        List<CheckDefinition> checks = new ArrayList<>();
        List<CompletableFuture<CheckResult>> stages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CheckDefinition check = i % 2 == 0 ? passing() : failing();
            checks.add(check);
            stages.add(type.run(check, FakeCheckContext.of(check)).toCompletableFuture());
        }
        for (int i = 0; i < stages.size(); i++) {
            CheckResult result = await(stages.get(i), checks.get(i));
            boolean shouldPass = i % 2 == 0;
            assertEquals(shouldPass, result.status() == HealthStatus.PASSING, "run " + i + " answered " + result);
        }
    }

    @Test
    void aCheckRunsAgainAndAgain() throws Exception {
        CheckDefinition check = passing();
        CheckType type = type();
        FakeCheckContext context = FakeCheckContext.of(check);
        for (int i = 0; i < 3; i++) {
            CheckResult result = await(type.run(check, context).toCompletableFuture(), check);
            assertEquals(HealthStatus.PASSING, result.status(), "run " + i + " answered " + result);
            context = context.after(result);
        }
    }

    @Test
    void anActiveTypeHasAPositivePeriod() throws Exception {
        CheckType type = type();
        assumeTrue(!type.passive(), "passive types are timed by their updates");
        Duration period = type.period(passing());
        assertNotNull(period, "period");
        assertTrue(!period.isZero() && !period.isNegative(), "period " + period);
    }

    /** Runs a check once, as the agent would, and waits for its result within the timeout. */
    protected CheckResult runToEnd(CheckDefinition check) throws Exception {
        return await(type().run(check, FakeCheckContext.of(check)).toCompletableFuture(), check);
    }

    private static CheckResult await(CompletableFuture<CheckResult> stage, CheckDefinition check)
            throws InterruptedException {
        Duration limit = FakeCheckContext.of(check).timeout().plus(GRACE);
        try {
            CheckResult result = stage.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(result, "a run must complete with a result, not null");
            return result;
        } catch (ExecutionException e) {
            return fail("a run must report failure as a result, not complete exceptionally", e.getCause());
        } catch (TimeoutException e) {
            return fail("no result within the check's timeout (" + limit.toMillis() + " ms with grace)");
        }
    }
}
