package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The {@code cairn:} commands in Karaf's console of {@code cairn agent -dev -console}, typed
 * into a pseudo-terminal ({@code script} from util-linux gives the console the terminal it
 * wants): each prints what the matching {@code cairn} command line prints.
 */
class ShellIT {

    private static final String IP = "127.0.0.132";
    private static final String ADDRESS = IP + ":8500";
    /** Colours, cursor moves and bracketed-paste switches of the line editor. */
    private static final String TERMINAL_CODES = "\u001B(\\[[0-9;?]*[A-Za-z~]|[=>]|\\][^\u0007]*\u0007)|\r";

    @Test
    void capabilityCommandsPrintWhatTheCliPrints() throws Exception {
        assumeThat(Path.of("/usr/bin/script")).as("util-linux script, for a pseudo-terminal").exists();
        Path pidFile = AgentProcess.tempDataDir("shell").resolve("agent.pid");
        StringBuffer screen = new StringBuffer();
        Process console = startConsole(IP, pidFile, screen);
        try (OutputStream keyboard = console.getOutputStream()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> screen.toString().contains("==> Cairn agent running!"));
            await().atMost(Duration.ofSeconds(30)).until(() -> AgentProcess.cli("operator", "raft", "list-peers",
                    "-http-addr=" + ADDRESS).output().contains("leader"));
            assertThat(AgentProcess.cli("services", "register", "-http-addr=" + ADDRESS, "-name=web", "-port=8080",
                    "-tag=v1").exitCode()).isZero();
            assertThat(AgentProcess.cli("kv", "put", "-http-addr=" + ADDRESS, "app/a", "one").exitCode()).isZero();

            for (List<String> pair : List.of(
                    List.of("cairn:members", "members"),
                    List.of("cairn:members -detailed", "members -detailed"),
                    List.of("cairn:catalog-nodes", "catalog nodes"),
                    List.of("cairn:catalog-services -tags", "catalog services -tags"),
                    List.of("cairn:kv-get app/a", "kv get app/a"),
                    List.of("cairn:kv-list app/", "kv get -recurse app/"))) {
                String cli = cli(pair.get(1));
                assertThat(cli).isNotBlank();
                typeAndAwait(keyboard, screen, pair.get(0), cli);
            }
            typeAndAwait(keyboard, screen, "cairn:kv-put app/b two", "Success! Data written to: app/b\n");
            assertThat(cli("kv get app/b")).isEqualTo("two\n");
            // the Raft table's header and the leader's row up to its commit index, which moves on
            String peers = cli("operator raft list-peers");
            typeAndAwait(keyboard, screen, "cairn:raft-peers", peers.lines().findFirst().orElseThrow() + "\n"
                    + peers.lines().skip(1).findFirst().orElseThrow().replaceAll("true   3 .*", "true   3"));
            typeAndAwait(keyboard, screen, "cairn:services", "web  web               8080  v1\n");
            typeAndAwait(keyboard, screen, "cairn:checks", "CheckID  Name  Status  ServiceID  Output\n");
        } finally {
            stop(console, pidFile);
        }
    }

    /**
     * DNS is a capability of its own: stopping its bundle frees port 8600 while HTTP keeps
     * serving, and starting it again answers at once.
     */
    @Test
    void dnsStopsAndStartsWhileHttpServes() throws Exception {
        assumeThat(Path.of("/usr/bin/script")).as("util-linux script, for a pseudo-terminal").exists();
        String ip = "127.0.0.133";
        Path pidFile = AgentProcess.tempDataDir("shell-dns").resolve("agent.pid");
        StringBuffer screen = new StringBuffer();
        Process console = startConsole(ip, pidFile, screen);
        try (OutputStream keyboard = console.getOutputStream()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> screen.toString().contains("==> Cairn agent running!"));
            await().atMost(Duration.ofSeconds(30)).until(() -> dnsListening(ip));

            keyboard.write("bundle:stop cairn-dns\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> !dnsListening(ip));
            assertThat(AgentProcess.cli("members", "-http-addr=" + ip + ":8500").exitCode()).isZero();

            keyboard.write("bundle:start cairn-dns\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> dnsListening(ip));
        } finally {
            stop(console, pidFile);
        }
    }

    /** DNS over TCP accepts connections on the agent's port 8600. */
    private static boolean dnsListening(String ip) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, 8600), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** {@code cairn agent -dev -console} on its own pseudo-terminal; what it shows goes to {@code screen}. */
    private static Process startConsole(String ip, Path pidFile, StringBuffer screen) throws IOException {
        String agent = String.join(" ", AgentProcess.HOME.resolve("bin/cairn").toString(), "agent", "-dev", "-console",
                "-bind", ip, "-client", ip, "-data-dir", pidFile.getParent().toString(), "-pid-file", pidFile.toString());
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qfc", agent, "/dev/null").redirectErrorStream(true);
        pb.environment().put("CAIRN_MAX_MEM", "192m");
        pb.environment().put("TERM", "dumb");
        Process console = pb.start();
        Thread pump = new Thread(() -> copy(console.getInputStream(), screen), "console-output");
        pump.setDaemon(true);
        pump.start();
        return console;
    }

    /** The {@code cairn} command line's output for these arguments, against the agent. */
    private static String cli(String args) throws Exception {
        // picocli takes options after the positional arguments too
        return AgentProcess.cli((args + " -http-addr=" + ADDRESS).split(" ")).output();
    }

    /** Types a command line and waits until the screen shows {@code expected} after it. */
    private static void typeAndAwait(OutputStream keyboard, StringBuffer screen, String command, String expected)
            throws IOException {
        int from = screen.length();
        keyboard.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(plain(screen.substring(from))).as(command).contains(expected));
    }

    static String plain(String terminal) {
        return terminal.replaceAll(TERMINAL_CODES, "");
    }

    private static void copy(InputStream in, StringBuffer into) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the terminal closed; what it showed is kept
        }
    }

    /** SIGTERM to the agent itself (script would not pass it on), then the terminal ends with it. */
    private static void stop(Process console, Path pidFile) throws Exception {
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroy);
        }
        if (!console.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            console.descendants().forEach(ProcessHandle::destroyForcibly);
            console.destroyForcibly().waitFor();
        }
    }
}
