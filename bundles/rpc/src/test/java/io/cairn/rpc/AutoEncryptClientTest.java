package io.cairn.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.cairn.api.tls.CertificateSigningRequest;

/** Scheduling of auto_encrypt's certificate: first request, renewal halfway, retries while no server signs. */
class AutoEncryptClientTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private record Scheduled(Duration delay, Runnable task) {
    }

    private static PrivateKey key() throws Exception {
        return KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
    }

    @Test
    void theCertificateIsRenewedHalfwayThroughItsValidity() {
        assertThat(AutoEncryptClient.renewalDelay(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(72)).minusSeconds(60), NOW))
                .isEqualTo(Duration.ofHours(36).minusSeconds(60));
        assertThat(AutoEncryptClient.renewalDelay(NOW.minus(Duration.ofHours(50)), NOW.plus(Duration.ofHours(22)), NOW))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void aSignedCertificateIsHandedOverAndTheNextRequestScheduledForHalfway() throws Exception {
        PrivateKey key = key();
        List<Scheduled> scheduled = new ArrayList<>();
        List<AutoEncryptClient.Obtained> obtained = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        AutoEncryptClient client = new AutoEncryptClient(() -> new CertificateSigningRequest(key, "csr-" + asked.size()),
                csr -> {
                    asked.add(csr);
                    return CompletableFuture.completedFuture(new AutoEncryptClient.SignReply("cert-" + asked.size(),
                            NOW, NOW.plus(Duration.ofHours(72)), List.of("root")));
                }, Clock.fixed(NOW, ZoneOffset.UTC), (delay, task) -> scheduled.add(new Scheduled(delay, task)),
                obtained::add);

        client.start();

        assertThat(asked).containsExactly("csr-0");
        assertThat(obtained).singleElement().satisfies(o -> {
            assertThat(o.credentials().certificatePem()).isEqualTo("cert-1");
            assertThat(o.credentials().key()).isSameAs(key);
            assertThat(o.roots()).containsExactly("root");
        });
        assertThat(scheduled).singleElement().extracting(Scheduled::delay).isEqualTo(Duration.ofHours(36));

        scheduled.get(0).task().run();
        assertThat(asked).as("a renewal is a new key and request").containsExactly("csr-0", "csr-1");
        assertThat(obtained).hasSize(2).last().extracting(o -> o.credentials().certificatePem()).isEqualTo("cert-2");
    }

    @Test
    void whileNoServerSignsItAsksAgainBackingOffToThirtySeconds() throws Exception {
        PrivateKey key = key();
        List<Scheduled> scheduled = new ArrayList<>();
        List<AutoEncryptClient.Obtained> obtained = new ArrayList<>();
        AtomicReference<CompletionStage<AutoEncryptClient.SignReply>> answer =
                new AtomicReference<>(CompletableFuture.failedFuture(new java.io.IOException("refused")));
        AutoEncryptClient client = new AutoEncryptClient(() -> new CertificateSigningRequest(key, "csr"),
                csr -> answer.get(), Clock.fixed(NOW, ZoneOffset.UTC),
                (delay, task) -> scheduled.add(new Scheduled(delay, task)), obtained::add);

        client.start();
        for (int i = 0; i < 6; i++) {
            scheduled.get(scheduled.size() - 1).task().run();
        }

        assertThat(obtained).isEmpty();
        assertThat(scheduled).extracting(Scheduled::delay).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30),
                Duration.ofSeconds(30));

        answer.set(CompletableFuture.completedFuture(new AutoEncryptClient.SignReply("cert", NOW,
                NOW.plus(Duration.ofHours(2)), List.of("root"))));
        scheduled.get(scheduled.size() - 1).task().run();
        assertThat(obtained).hasSize(1);
        assertThat(scheduled.get(scheduled.size() - 1).delay()).isEqualTo(Duration.ofHours(1));

        client.stop();
        scheduled.get(scheduled.size() - 1).task().run();
        assertThat(obtained).as("a stopped client asks no more").hasSize(1);
    }

    @Test
    void theSignReplyIsRead() throws Exception {
        AutoEncryptClient.SignReply reply = AutoEncryptSigner.reply("""
                {"CertPEM":"cert","ValidAfter":"2025-03-01T12:00:00Z","ValidBefore":"2025-03-04T12:00:00Z","RootCAs":["root"]}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(reply).isEqualTo(new AutoEncryptClient.SignReply("cert", NOW, NOW.plus(Duration.ofDays(3)),
                List.of("root")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AutoEncryptSigner.reply("{}".getBytes()))
                .isInstanceOf(java.io.IOException.class);
    }
}
