package io.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CommandCodecTest {

    @Test
    void everyCommandSurvivesTheRoundTrip() {
        List<Command> commands = List.of(
                new Command.KvSet("a/b", "v".getBytes(StandardCharsets.UTF_8), -1L),
                new Command.KvCas("ключ", new byte[0], 42, 7),
                new Command.KvDelete("a"),
                new Command.KvDeleteCas("a", 9),
                new Command.KvDeleteTree(""),
                new Command.TombstoneReap(1234),
                new Command.Batch(List.of(new Command.KvSet("x", new byte[] {1}, 2), new Command.KvDelete("y"))));
        for (Command command : commands) {
            assertThat(CommandCodec.decode(CommandCodec.encode(command))).contains(command);
        }
    }

    @Test
    void theTypeIdsAreFixed() {
        // the log on disk depends on these numbers: changing one corrupts every existing log
        assertThat(CommandType.KV_SET.id()).isEqualTo(1);
        assertThat(CommandType.KV_CAS.id()).isEqualTo(2);
        assertThat(CommandType.KV_DELETE.id()).isEqualTo(3);
        assertThat(CommandType.KV_DELETE_CAS.id()).isEqualTo(4);
        assertThat(CommandType.KV_DELETE_TREE.id()).isEqualTo(5);
        assertThat(CommandType.TOMBSTONE_REAP.id()).isEqualTo(13);
        assertThat(CommandType.BATCH.id()).isEqualTo(14);
    }

    @Test
    void anUnknownCommandStopsTheServer() {
        assertThatThrownBy(() -> CommandCodec.decode(new byte[] {0x7f, 1, 2}))
                .isInstanceOf(UnknownCommandException.class)
                .hasMessageContaining("unknown command type 127");
    }

    @Test
    void anUnknownIgnorableCommandIsSkipped() {
        assertThat(CommandCodec.decode(new byte[] {(byte) (CommandType.IGNORABLE | 0x05), 1, 2})).isEqualTo(Optional.empty());
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] whole = CommandCodec.encode(new Command.KvDelete("abc"));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
        assertThatThrownBy(() -> CommandCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
    }
}
