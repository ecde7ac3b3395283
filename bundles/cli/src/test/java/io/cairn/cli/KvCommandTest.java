package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@code cairn kv} prints and reads, on plain values. */
class KvCommandTest {

    @Test
    void keysAreEscapedSegmentBySegment() {
        assertThat(KvCommand.kvPath("a/b c/d?e")).isEqualTo("/v1/kv/a/b%20c/d%3Fe");
        assertThat(KvCommand.kvPath("")).isEqualTo("/v1/kv/");
    }

    @Test
    void detailedShowsConsulsFieldsInAColumn() throws Exception {
        JsonNode entry = AgentClient.JSON.readTree("{\"LockIndex\":1,\"Key\":\"k\",\"Flags\":42,\"Value\":\"dmFs\","
                + "\"CreateIndex\":5,\"ModifyIndex\":7}");
        assertThat(KvCommand.detailed(entry, false)).isEqualTo(String.join(System.lineSeparator(),
                "CreateIndex      5",
                "Flags            42",
                "Key              k",
                "LockIndex        1",
                "ModifyIndex      7",
                "Session          -",
                "Value            val"));
    }

    @Test
    void dataComesFromTheArgumentAFileOrStdin(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("v"), "from file");
        assertThat(KvCommand.readData("plain", () -> null)).isEqualTo("plain".getBytes(StandardCharsets.UTF_8));
        assertThat(KvCommand.readData("@" + file, () -> null)).isEqualTo("from file".getBytes(StandardCharsets.UTF_8));
        assertThat(KvCommand.readData("-", () -> new ByteArrayInputStream(new byte[] {1, 2})))
                .isEqualTo(new byte[] {1, 2});
    }
}
