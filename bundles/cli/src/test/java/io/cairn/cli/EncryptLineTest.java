package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.config.ConfigLoader;

/** The start-up line on encryption states what the configuration turns on. */
class EncryptLineTest {

    @TempDir
    Path dir;

    private String line(String hcl, String... flags) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.hcl"), hcl);
        List<String> args = new java.util.ArrayList<>(List.of("-config-file=" + file, "-data-dir=" + dir));
        args.addAll(List.of(flags));
        return AgentLauncher.encryptLine(ConfigLoader.fromArgs(args).config()).trim();
    }

    @Test
    void nothingConfiguredIsAllFalse() throws Exception {
        assertThat(line("")).isEqualTo(
                "Encrypt: Gossip: false, TLS-Outgoing: false, TLS-Incoming: false, Auto-Encrypt-TLS: false");
    }

    @Test
    void aSecuredServerSaysSo() throws Exception {
        assertThat(line("""
                encrypt = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s="
                tls { defaults { verify_incoming = true } internal_rpc { verify_server_hostname = true } }
                auto_encrypt { allow_tls = true }
                """, "-server")).isEqualTo(
                "Encrypt: Gossip: true, TLS-Outgoing: true, TLS-Incoming: true, Auto-Encrypt-TLS: true");
    }

    @Test
    void anAutoEncryptClientDialsWithTls() throws Exception {
        Path ca = Files.writeString(dir.resolve("consul-agent-ca.pem"), "");
        assertThat(line("tls { defaults { ca_file = \"" + ca + "\" } }\nauto_encrypt { tls = true }")).isEqualTo(
                "Encrypt: Gossip: false, TLS-Outgoing: true, TLS-Incoming: false, Auto-Encrypt-TLS: true");
    }
}
