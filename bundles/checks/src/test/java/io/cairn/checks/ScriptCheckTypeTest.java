package io.cairn.checks;

import static io.cairn.plugins.testkit.CheckDefinitions.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.plugins.testkit.CheckTypeConformance;

/** The script check running /bin/sh scripts. */
class ScriptCheckTypeTest extends CheckTypeConformance {

    @TempDir
    Path dir;

    private final AtomicBoolean enabled = new AtomicBoolean(true);
    private final ScriptCheckType type = new ScriptCheckType(enabled::get);

    @AfterEach
    void close() {
        type.close();
    }

    @Override
    protected CheckType type() {
        return type;
    }

    @Override
    protected CheckDefinition passing() {
        return check("script").args("/bin/sh", "-c", "echo ready").build();
    }

    @Override
    protected CheckDefinition failing() {
        return check("script").args("/bin/sh", "-c", "echo 'disk full' >&2; exit 2").build();
    }

    @Override
    protected Optional<CheckDefinition> hanging() {
        return Optional.of(check("script").args("/bin/sh", "-c", "sleep 30").timeout(Duration.ofSeconds(1)).build());
    }

    @Override
    protected Optional<CheckDefinition> malformed() {
        return Optional.of(check("script").args(dir.resolve("no-such-program").toString()).build());
    }

    @Test
    void exitCodesAreConsuls() throws Exception {
        assertThat(runToEnd(passing())).isEqualTo(CheckResult.passing("ready\n"));
        assertThat(runToEnd(check("s").args("/bin/sh", "-c", "echo degraded; exit 1").build()))
                .isEqualTo(CheckResult.warning("degraded\n"));
        assertThat(runToEnd(failing())).isEqualTo(CheckResult.critical("disk full\n"));
    }

    @Test
    void theOutputKeepsItsEndWhenCut() throws Exception {
        CheckResult result = runToEnd(check("s").args("/bin/sh", "-c", "seq 1 1000").outputMaxSize(9).build());
        assertThat(result.output()).isEqualTo("999\n1000\n");
    }

    @Test
    void aScriptPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("pid");
        CheckResult result = runToEnd(check("s").args("/bin/sh", "-c", "sleep 30 & echo $! > " + pidFile + "; wait")
                .timeout(Duration.ofSeconds(1)).build());
        assertThat(result.output()).startsWith("Timed out (1s) running check.");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void nothingRunsWhenTheAgentAllowsNoScripts() throws Exception {
        Path marker = dir.resolve("ran");
        enabled.set(false);
        CheckResult result = runToEnd(check("s").args("/bin/sh", "-c", "touch " + marker).build());
        assertThat(result).isEqualTo(CheckResult.critical(ScriptCheckType.DISABLED));
        assertThat(marker).doesNotExist();
    }

    @Test
    void aProgramThatCannotStartIsCritical() throws Exception {
        assertThat(runToEnd(malformed().orElseThrow()).output()).startsWith("Check failed to start: ");
    }
}
