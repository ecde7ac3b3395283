package io.cairn.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring's rules (memberlist's) and its file (Consul's serf/local.keyring). */
class KeyringTest {

    private static final String K1 = GossipKey.generate();
    private static final String K2 = GossipKey.generate();

    @TempDir
    Path dir;

    @Test
    void installUseRemoveRotatesThePrimaryKey() {
        Keyring ring = Keyring.of(List.of(K1));

        ring.install(K2);
        assertThat(ring.encoded()).containsExactly(K1, K2);
        assertThat(ring.primaryEncoded()).isEqualTo(K1);
        ring.install(K2);
        assertThat(ring.encoded()).containsExactly(K1, K2);

        ring.use(K2);
        assertThat(ring.encoded()).containsExactly(K2, K1);
        assertThat(ring.primary().getEncoded()).isEqualTo(GossipKey.parse(K2).getEncoded());

        ring.remove(K1);
        assertThat(ring.encoded()).containsExactly(K2);
        ring.remove(K1);
        assertThat(ring.encoded()).containsExactly(K2);
    }

    @Test
    void thePrimaryKeyCannotBeRemovedNorAMissingKeyUsed() {
        Keyring ring = Keyring.of(List.of(K1));

        assertThatThrownBy(() -> ring.remove(K1)).hasMessage("Removing the primary key is not allowed");
        assertThatThrownBy(() -> ring.use(K2)).hasMessage("Requested key is not in the keyring");
        assertThatThrownBy(() -> ring.install("c2hvcnQ=")).hasMessageContaining("16, 24 or 32 bytes");
        assertThat(ring.encoded()).containsExactly(K1);
    }

    @Test
    void theEncryptKeyIsWrittenToTheFileAndTheFileWinsAfterARotation() throws Exception {
        Path file = dir.resolve("serf/local.keyring");

        Keyring ring = Keyring.load(file, Optional.of(K1)).orElseThrow();
        assertThat(Keyring.parse(Files.readString(file))).containsExactly(K1);
        ring.install(K2);
        ring.use(K2);

        Keyring restarted = Keyring.load(file, Optional.of(K1)).orElseThrow();
        assertThat(restarted.encoded()).containsExactly(K2, K1);
        assertThat(Keyring.load(dir.resolve("none"), Optional.empty())).isEmpty();
        assertThat(Keyring.load(file, Optional.empty()).orElseThrow().encoded()).containsExactly(K2, K1);
    }

    @Test
    void aFileThatIsNotAKeyringIsRefused() throws Exception {
        Path file = dir.resolve("local.keyring");
        Files.writeString(file, "[\"bm90IGEga2V5\"]");

        assertThatThrownBy(() -> Keyring.load(file, Optional.empty())).hasMessageContaining("16, 24 or 32 bytes");
    }
}
