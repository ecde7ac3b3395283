package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Karaf's SSH console of an agent ({@code ports.shell}): on the agent's client address only,
 * with the agent's own keys in its data dir; {@code cairn shell -c} runs a console command;
 * a password or another key gets nowhere; an agent without {@code ports.shell} has no listener.
 */
class SshConsoleIT {

    private static final String IP = "127.0.0.195";
    private static final String OTHER_IP = "127.0.0.196";
    private static final String PLAIN_IP = "127.0.0.197";
    private static final int SHELL_PORT = 8101;

    private static Path dataDir;
    private static AgentProcess agent;
    private static AgentProcess plain;

    @BeforeAll
    static void start() throws Exception {
        Path dir = AgentProcess.tempDataDir("ssh-console");
        dataDir = dir.resolve("data");
        Path config = Files.writeString(dir.resolve("shell.hcl"), "ports {\n  shell = " + SHELL_PORT + "\n}\n");
        agent = AgentProcess.start(IP + ":8500", "-dev", "-bind", IP, "-client", IP, "-data-dir", dataDir.toString(),
                "-config-file", config.toString());
        plain = AgentProcess.start(PLAIN_IP + ":8500", "-dev", "-bind", PLAIN_IP, "-client", PLAIN_IP);
        agent.awaitRunning();
        plain.awaitRunning();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AgentProcess a : new AgentProcess[] {agent, plain}) {
            if (a != null) {
                a.stop();
                a.close();
            }
        }
    }

    @Test
    void listensOnTheClientAddressOnlyWithTheAgentsOwnKeys() throws Exception {
        assertThat(agent.output()).contains("SSH Console: " + IP + ":" + SHELL_PORT);
        assertThat(listening(IP, SHELL_PORT)).isTrue();
        // not on every interface: another loopback address of this machine has nothing there
        assertThat(listening(OTHER_IP, SHELL_PORT)).isFalse();

        Path shell = dataDir.resolve("shell");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shell.resolve("cairn.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shell.resolve("host.key")))).isEqualTo("rw-------");
        assertThat(Files.readString(shell.resolve("keys.properties"))).containsPattern("(?m)^cairn = AAAAB3NzaC1yc2E");
        // nothing of it in the shared distribution
        assertThat(AgentProcess.HOME.resolve("etc/host.key")).doesNotExist();
        assertThat(AgentProcess.HOME.resolve("etc/keys.properties")).content().doesNotContain(
                Files.readString(shell.resolve("keys.properties")).lines().filter(l -> l.startsWith("cairn")).findFirst()
                        .orElseThrow().split(" = ")[1].split(",")[0]);
        assertThat(agent.get("/v1/agent/self").body()).contains("\"ShellPort\":" + SHELL_PORT);
    }

    @Test
    void cairnShellRunsAConsoleCommand() throws Exception {
        String members = AgentProcess.cli("members", "-http-addr=" + IP + ":8500").output();
        assertThat(members).contains(IP + ":8301", "alive");

        AgentProcess.CommandResult shell = AgentProcess.cli("shell", "-http-addr=" + IP + ":8500", "-c", "cairn:members");
        assertThat(shell.exitCode()).as(shell.output()).isZero();
        assertThat(shell.output()).isEqualTo(members);

        // trailing words are the command too, and a failing command is a failing exit
        AgentProcess.CommandResult put = AgentProcess.cli("shell", "-http-addr=" + IP + ":8500", "cairn:kv-put", "ssh/a", "one");
        assertThat(put.output()).isEqualTo("Success! Data written to: ssh/a\n");
        assertThat(AgentProcess.cli("kv", "get", "-http-addr=" + IP + ":8500", "ssh/a").output()).isEqualTo("one\n");
        assertThat(AgentProcess.cli("shell", "-http-addr=" + IP + ":8500", "-c", "no-such:command").exitCode()).isEqualTo(1);
    }

    @Test
    void anotherKeyOrAPasswordIsRefused() throws Exception {
        // the cairn command line with a key that is not the agent's
        KeyPair other = rsa();
        Path otherKey = Files.writeString(AgentProcess.tempDataDir("ssh-other").resolve("other.key"),
                "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(other.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        AgentProcess.CommandResult refused = AgentProcess.cli("shell", "-http-addr=" + IP + ":8500", "-identity",
                otherKey.toString(), "-c", "cairn:members");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("refused the key").doesNotContain(IP + ":8301");

        // a plain SSH client: passwords (Karaf's default karaf/karaf among them) and a stranger's key
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> true);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.start();
        try {
            for (String[] login : new String[][] {{"cairn", "cairn"}, {"karaf", "karaf"}, {"cairn", "karaf"}}) {
                try (ClientSession session = client.connect(login[0], IP, SHELL_PORT).verify(Duration.ofSeconds(10)).getSession()) {
                    session.addPasswordIdentity(login[1]);
                    assertThatThrownBy(() -> session.auth().verify(Duration.ofSeconds(10))).as(login[0] + "/" + login[1])
                            .isInstanceOf(IOException.class);
                }
            }
            for (String user : new String[] {"cairn", "karaf"}) {
                try (ClientSession session = client.connect(user, IP, SHELL_PORT).verify(Duration.ofSeconds(10)).getSession()) {
                    session.addPublicKeyIdentity(other);
                    assertThatThrownBy(() -> session.auth().verify(Duration.ofSeconds(10))).as(user + " with another key")
                            .isInstanceOf(IOException.class);
                }
            }
        } finally {
            client.stop();
        }
    }

    @Test
    void anAgentWithoutAShellPortHasNoListener() throws Exception {
        assertThat(plain.output()).doesNotContain("SSH Console");
        assertThat(listening(PLAIN_IP, SHELL_PORT)).isFalse();
        assertThat(listening(PLAIN_IP, 8101)).isFalse();
        AgentProcess.CommandResult shell = AgentProcess.cli("shell", "-http-addr=" + PLAIN_IP + ":8500", "-c", "cairn:members");
        assertThat(shell.exitCode()).isEqualTo(1);
        assertThat(shell.output()).contains("the agent has no SSH console: set ports.shell");
        assertThat(plain.get("/v1/agent/self").body()).contains("\"ShellPort\":-1");
    }

    @Test
    void aBadShellPortIsAConfigurationErrorNamingTheKey() throws Exception {
        Path bad = Files.writeString(AgentProcess.tempDataDir("ssh-bad").resolve("bad.json"), "{\"ports\": {\"shell\": 99999}}");
        AgentProcess.CommandResult validate = AgentProcess.cli("validate", bad.toString());
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.output()).contains("ports.shell: must be a port 1..65535, or -1 to disable, got 99999");
    }

    private static boolean listening(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
