package io.cairn.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.io.input.NoCloseInputStream;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn shell}: Karaf's console of the local agent over SSH ({@code ports.shell}). The
 * agent tells where its console listens ({@code /v1/agent/self}); the key is the agent's own,
 * in its data dir, and the server must show the agent's own host key. With a command
 * ({@code -c} or trailing arguments) runs it and prints its output; else an interactive
 * session, with a pseudo-terminal when this one is a terminal.
 */
@Command(name = "shell", description = "Opens the agent's Karaf console (ports.shell) over SSH, or runs one console command")
final class ShellCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Mixin
    HttpOptions http;

    @Option(names = "-data-dir", description = "The agent's data dir, where its console keys are (<data_dir>/shell). Default: the one the agent reports")
    String dataDir;

    @Option(names = "-identity", description = "PKCS#8 PEM private key to log in with. Default: <data_dir>/shell/cairn.key")
    String identity;

    @Option(names = "-c", description = "A console command to run, e.g. \"cairn:members\"; its output is printed and its status is the exit code")
    String command;

    @Parameters(arity = "0..*", description = "The command to run, as trailing arguments")
    List<String> words = List.of();

    @Override
    public Integer call() throws CliException {
        JsonNode debug = self().path("DebugConfig");
        int port = debug.path("ShellPort").asInt(-1);
        if (port <= 0) {
            throw new CliException("Error: the agent has no SSH console: set ports.shell (e.g. ports { shell = 8101 }) "
                    + "or -shell-port and restart it");
        }
        String host = ShellConsole.host(debug.path("ClientAddrs").path(0).asText(""));
        Path dir = ShellConsole.dir(Path.of(dataDir != null ? dataDir : debug.path("DataDir").asText(".")));
        KeyPair key = readKey(identity != null ? Path.of(identity) : dir.resolve(ShellConsole.USER_KEY));
        PublicKey hostKey = readHostKey(dir.resolve(ShellConsole.HOST_KEY_PUB));
        String line = command != null ? command : String.join(" ", words);

        SshClient client = SshClient.setUpDefaultClient();
        // this agent's host key only, and no key but the agent's (none from ~/.ssh, no password)
        client.setServerKeyVerifier((session, address, serverKey) -> KeyUtils.compareKeys(hostKey, serverKey));
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.start();
        try (ClientSession session = connect(client, host, port)) {
            session.addPublicKeyIdentity(key);
            try {
                session.auth().verify(TIMEOUT);
            } catch (IOException e) {
                throw new CliException("Error: the SSH console at " + host + ":" + port + " refused the key "
                        + (identity != null ? identity : dir.resolve(ShellConsole.USER_KEY)) + ": " + e.getMessage());
            }
            return line.isBlank() ? interactive(session) : run(session, line);
        } catch (IOException e) {
            throw new CliException("Error: SSH console at " + host + ":" + port + ": " + e.getMessage());
        } finally {
            client.stop();
        }
    }

    private JsonNode self() throws CliException {
        AgentClient.Reply reply = AgentClient.expectOk(http.client().get("/v1/agent/self", Map.of()), "querying the agent");
        try {
            return reply.json();
        } catch (IOException e) {
            throw new CliException("Error querying the agent: " + e.getMessage());
        }
    }

    private static ClientSession connect(SshClient client, String host, int port) throws CliException {
        try {
            return client.connect(ShellConsole.USER, host, port).verify(TIMEOUT).getSession();
        } catch (IOException e) {
            throw new CliException("Error connecting to the SSH console at " + host + ":" + port + ": " + e.getMessage());
        }
    }

    private static KeyPair readKey(Path file) throws CliException {
        try {
            return ShellConsole.readKeyPair(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException("Error reading the console key " + file + " (run as the agent's user, or give -data-dir): " + e);
        }
    }

    private static PublicKey readHostKey(Path file) throws CliException {
        try {
            return ShellConsole.readPublicKey(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException("Error reading the console's host key " + file + ": " + e);
        }
    }

    /** One command: its output and error output here, its status the exit code. */
    private static int run(ClientSession session, String line) throws IOException {
        try (ChannelExec channel = session.createExecChannel(line)) {
            channel.setOut(new NoCloseOutputStream(System.out));
            channel.setErr(new NoCloseOutputStream(System.err));
            return await(channel);
        } finally {
            System.out.flush();
        }
    }

    /** Karaf's console, interactive: a pseudo-terminal of this terminal's size, in raw mode while it lasts. */
    private static int interactive(ClientSession session) throws IOException {
        boolean tty = System.console() != null && new File("/dev/tty").exists();
        try (ChannelShell channel = session.createShellChannel()) {
            channel.setUsePty(tty);
            if (tty) {
                channel.setPtyType(System.getenv().getOrDefault("TERM", "xterm"));
                String[] size = stty("size").trim().split("\\s+");
                if (size.length == 2) {
                    channel.setPtyLines(Integer.parseInt(size[0]));
                    channel.setPtyColumns(Integer.parseInt(size[1]));
                }
            }
            channel.setIn(new NoCloseInputStream(System.in));
            channel.setOut(new NoCloseOutputStream(System.out));
            channel.setErr(new NoCloseOutputStream(System.err));
            String saved = tty ? stty("-g").trim() : null;
            try {
                if (tty) {
                    stty("raw", "-echo");
                }
                return await(channel);
            } finally {
                if (saved != null) {
                    stty(saved);
                }
            }
        }
    }

    private static int await(ClientChannel channel) throws IOException {
        channel.open().verify(TIMEOUT);
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        Integer status = channel.getExitStatus();
        return status == null ? 0 : status;
    }

    /** {@code stty} on the controlling terminal; its output. */
    private static String stty(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("stty"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(new File("/dev/tty"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stty interrupted", e);
        }
    }
}
