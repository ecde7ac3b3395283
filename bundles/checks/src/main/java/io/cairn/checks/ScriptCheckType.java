package io.cairn.checks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.config.GoDuration;

/**
 * Consul's script check: runs {@code Args} (no shell), exit 0 passing, 1 warning, anything
 * else critical, the output (stdout and stderr together) shown; killed with its children at
 * the timeout.
 *
 * <p>Whether a script may be registered is the agent's decision ({@code enable_script_checks}
 * for the HTTP API, {@code enable_local_script_checks} for config files; 403 otherwise); this
 * type still runs nothing unless one of them is on, so a script check can never run on an
 * agent whose operator allowed none.
 */
public final class ScriptCheckType implements CheckType, AutoCloseable {

    public static final String NAME = "script";
    static final String DISABLED = "Scripts are disabled on this agent; to enable, configure "
            + "'enable_script_checks' or 'enable_local_script_checks' to true";
    private static final int DEFAULT_OUTPUT_MAX = 4096;

    private final BooleanSupplier scriptsEnabled;
    private final ScheduledExecutorService timeouts =
            Executors.newSingleThreadScheduledExecutor(Threads.named("cairn-check-script-timeouts"));

    /** @param scriptsEnabled true while the configuration allows any script check */
    public ScriptCheckType(BooleanSupplier scriptsEnabled) {
        this.scriptsEnabled = scriptsEnabled;
    }

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        if (!scriptsEnabled.getAsBoolean()) {
            return CompletableFuture.completedFuture(CheckResult.critical(DISABLED));
        }
        int cap = check.outputMaxSize() > 0 ? check.outputMaxSize() : DEFAULT_OUTPUT_MAX;
        Path output;
        Process process;
        try {
            // a file, not a pipe: nothing has to read while the script runs, and a chatty one never blocks
            output = Files.createTempFile("cairn-check-", ".out");
            try {
                process = new ProcessBuilder(check.args()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                process.getOutputStream().close();
            } catch (IOException e) {
                Files.deleteIfExists(output);
                throw e;
            }
        } catch (IOException e) {
            return CompletableFuture.completedFuture(CheckResult.critical("Check failed to start: " + e.getMessage()));
        }
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        ScheduledFuture<?> timeout = timeouts.schedule(() -> {
            // the verdict before the kill: a script that ends because its children were killed
            // must not answer in its place. Consul's words, as the runner's own cut-off says them
            result.complete(CheckResult.critical("Timed out (" + GoDuration.format(context.timeout())
                    + ") running check. Output: " + tail(output, cap)));
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, context.timeout().toMillis(), TimeUnit.MILLISECONDS);
        process.onExit().thenAccept(exited -> {
            timeout.cancel(false);
            String text = tail(output, cap);
            int code = exited.exitValue();
            result.complete(code == 0 ? CheckResult.passing(text)
                    : code == 1 ? CheckResult.warning(text) : CheckResult.critical(text));
        }).whenComplete((done, failure) -> deleteQuietly(output));
        return result;
    }

    /** The last {@code cap} bytes, as Consul keeps them: a failing script says why at the end. */
    static String tail(Path file, int cap) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - cap);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file the next reboot clears; the check's status is what matters
        }
    }

    @Override
    public void close() {
        timeouts.shutdownNow();
    }
}
