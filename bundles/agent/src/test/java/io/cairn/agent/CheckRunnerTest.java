package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/** The runner on a fake clock, with check types that appear and disappear. */
class CheckRunnerTest {

    /** An http-like type answering from a script of results, counting its runs. */
    static final class ScriptedType implements CheckType {
        final Deque<CheckResult> answers = new ArrayDeque<>();
        final AtomicInteger runs = new AtomicInteger();
        CheckResult otherwise = CheckResult.passing("ok");
        boolean hang;

        @Override
        public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
            runs.incrementAndGet();
            if (hang) {
                return new CompletableFuture<>();
            }
            return CompletableFuture.completedFuture(answers.isEmpty() ? otherwise : answers.poll());
        }
    }

    FakeTimers timers;
    Map<String, CheckResult> shown;
    CheckRunner runner;
    ScriptedType http;

    @BeforeEach
    void setUp() {
        timers = new FakeTimers();
        shown = new ConcurrentHashMap<>();
        runner = new CheckRunner(timers, Runnable::run, timers.clock, shown::put, new Random(7));
        http = new ScriptedType();
    }

    static CheckDefinition httpCheck(Duration interval, int successBefore, int failuresBeforeWarning,
                                     int failuresBeforeCritical, int outputMax) {
        return new CheckDefinition("web", "web", null, null, null, List.of(), "http://127.0.0.1:1/", null, null, null,
                null, null, null, false, null, null, null, null, null, null, false, interval, null, null, null,
                successBefore, failuresBeforeWarning, failuresBeforeCritical, outputMax);
    }

    static CheckDefinition httpCheck() {
        return httpCheck(Duration.ofSeconds(10), 0, 0, 0, 0);
    }

    private void start(CheckDefinition check) {
        runner.start(check.id(), check, CheckResult.critical(""), Optional.empty());
    }

    @Test
    void aCheckOfAMissingTypeIsCriticalAndSaysWhichTypeAndStartsWhenInstalled() {
        start(httpCheck());
        assertThat(shown).isEmpty();
        timers.advance(CheckRunner.MISSING_TYPE_GRACE);
        assertThat(shown.get("web")).isEqualTo(CheckResult.critical("Check type \"http\" is not installed on this agent"));

        runner.addType("http", http);
        timers.advance(Duration.ofSeconds(10));

        assertThat(shown.get("web").status()).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void aTypeInstalledWithinTheGraceNeverShowsTheCheckMissing() {
        start(httpCheck());
        timers.advance(Duration.ofSeconds(1));
        runner.addType("http", http);
        timers.advance(Duration.ofSeconds(30));

        assertThat(shown.get("web").status()).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void aRestoredTtlCheckWhoseTypeArrivesLateKeepsItsStatusAndExpiry() {
        CheckDefinition ttl = new CheckDefinition("t", "t", null, null, null, List.of(), null, null, null, null, null,
                null, null, false, null, null, null, null, null, null, false, null, null, Duration.ofSeconds(30), null,
                0, 0, 0, 0);
        runner.start("t", ttl, CheckResult.passing("ok"), Optional.of(timers.clock.instant().plusSeconds(10)));
        timers.advance(Duration.ofSeconds(2));
        runner.addType(TtlCheckType.NAME, new TtlCheckType());

        timers.advance(Duration.ofSeconds(7));
        assertThat(shown).isEmpty();
        timers.advance(Duration.ofSeconds(2));
        assertThat(shown.get("t").output()).isEqualTo("TTL expired (last output before timeout follows): ok");
    }

    @Test
    void uninstallingATypeStopsOnlyItsChecks() {
        ScriptedType tcp = new ScriptedType();
        runner.addType("http", http);
        runner.addType("tcp", tcp);
        start(httpCheck());
        CheckDefinition tcpCheck = new CheckDefinition("db", "db", null, null, null, List.of(), null, null, null, null,
                "127.0.0.1:5432", null, null, false, null, null, null, null, null, null, false, Duration.ofSeconds(10),
                null, null, null, 0, 0, 0, 0);
        start(tcpCheck);
        timers.advance(Duration.ofSeconds(10));

        runner.removeType("http", http);
        int httpRuns = http.runs.get();
        int tcpRuns = tcp.runs.get();
        timers.advance(Duration.ofSeconds(30));

        assertThat(shown.get("web").output()).isEqualTo("Check type \"http\" is not installed on this agent");
        assertThat(http.runs.get()).isEqualTo(httpRuns);
        assertThat(tcp.runs.get()).isEqualTo(tcpRuns + 3);
        assertThat(shown.get("db").status()).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void theIntervalIsAtLeastOneSecond() {
        runner.addType("http", http);
        start(httpCheck(Duration.ofMillis(10), 0, 0, 0, 0));

        timers.advance(Duration.ofSeconds(10));

        assertThat(http.runs.get()).isBetween(9, 10);
    }

    @Test
    void aRunThatHangsIsCriticalAtItsTimeoutAndNoSecondRunStartsMeanwhile() {
        http.hang = true;
        runner.addType("http", http);
        start(httpCheck(Duration.ofSeconds(1), 0, 0, 0, 0));

        timers.advance(Duration.ofSeconds(5));
        assertThat(http.runs.get()).isEqualTo(1);
        timers.advance(Duration.ofSeconds(6));

        assertThat(shown.get("web")).isEqualTo(CheckResult.critical("Timed out (10s) running check"));
    }

    @Test
    void outputIsCappedAt4KbUnlessOutputMaxSizeSaysOtherwise() {
        http.otherwise = CheckResult.passing("x".repeat(10_000));
        runner.addType("http", http);
        start(httpCheck());
        CheckDefinition small = httpCheck(Duration.ofSeconds(10), 0, 0, 0, 100);
        runner.start("small", small, CheckResult.critical(""), Optional.empty());

        timers.advance(Duration.ofSeconds(10));

        assertThat(shown.get("web").output()).hasSize(4096);
        assertThat(shown.get("small").output()).hasSize(100);
    }

    @Test
    void thresholdsDelayStatusChanges() {
        runner.addType("http", http);
        CheckResult fail = CheckResult.critical("down");
        http.answers.addAll(List.of(fail, fail, fail, CheckResult.passing("up"), CheckResult.passing("up")));
        http.otherwise = CheckResult.passing("up");
        start(httpCheck(Duration.ofSeconds(10), 2, 2, 3, 0));

        timers.advance(Duration.ofSeconds(10));   // 1st failure: nothing shown yet
        assertThat(shown).doesNotContainKey("web");
        timers.advance(Duration.ofSeconds(10));   // 2nd: warning
        assertThat(shown.get("web").status()).isEqualTo(HealthStatus.WARNING);
        timers.advance(Duration.ofSeconds(10));   // 3rd: critical
        assertThat(shown.get("web").status()).isEqualTo(HealthStatus.CRITICAL);
        timers.advance(Duration.ofSeconds(10));   // 1st success: still critical
        assertThat(shown.get("web").status()).isEqualTo(HealthStatus.CRITICAL);
        timers.advance(Duration.ofSeconds(10));   // 2nd success: passing
        assertThat(shown.get("web").status()).isEqualTo(HealthStatus.PASSING);
    }

    @Test
    void checksRegisteredTogetherAreSpreadOverTheirInterval() {
        runner.addType("http", http);
        for (int i = 0; i < 20; i++) {
            CheckDefinition c = httpCheck();
            runner.start("c" + i, c, CheckResult.critical(""), Optional.empty());
        }

        timers.advance(Duration.ofSeconds(5));

        assertThat(http.runs.get()).isBetween(3, 17);
    }

    @Test
    void stoppedChecksNoLongerRun() {
        runner.addType("http", http);
        start(httpCheck());
        timers.advance(Duration.ofSeconds(10));
        runner.stop("web");
        int runs = http.runs.get();

        timers.advance(Duration.ofMinutes(1));

        assertThat(http.runs.get()).isEqualTo(runs);
        assertThat(timers.pending()).isZero();
    }
}
