package io.cairn.rpc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.tls.CertificateSigningRequest;
import io.cairn.api.tls.InMemoryCredentials;
import io.cairn.api.tls.TlsException;

/**
 * A client agent's auto_encrypt certificate: a fresh key and request, signed by a server,
 * kept in memory only, renewed halfway through its validity (as Consul renews leaf
 * certificates), and asked for again after a pause while no server signs.
 */
public final class AutoEncryptClient {

    private static final Logger LOG = LoggerFactory.getLogger(AutoEncryptClient.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    /** Makes a key and its PKCS#10 request. */
    @FunctionalInterface
    public interface Keys {
        CertificateSigningRequest next() throws TlsException;
    }

    /** Asks a server to sign a request. */
    @FunctionalInterface
    public interface Signer {
        CompletionStage<SignReply> sign(String csrPem);
    }

    /** Runs a task after a delay. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Duration delay, Runnable task);
    }

    /** What a server answered: the certificate, its validity, and the roots to trust beside {@code ca_file}. */
    public record SignReply(String certificatePem, Instant validAfter, Instant validBefore, List<String> roots) {
        public SignReply {
            roots = List.copyOf(roots);
        }
    }

    /** A certificate obtained: the key held in memory with it, and the roots. */
    public record Obtained(InMemoryCredentials credentials, List<String> roots, Instant validBefore) {
    }

    private final Keys keys;
    private final Signer signer;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Consumer<Obtained> onCertificate;
    private Duration retry = FIRST_RETRY;
    private volatile boolean stopped;

    public AutoEncryptClient(Keys keys, Signer signer, Clock clock, Scheduler scheduler, Consumer<Obtained> onCertificate) {
        this.keys = keys;
        this.signer = signer;
        this.clock = clock;
        this.scheduler = scheduler;
        this.onCertificate = onCertificate;
    }

    /** Asks for the first certificate now. */
    public void start() {
        request();
    }

    public void stop() {
        stopped = true;
    }

    private void request() {
        if (stopped) {
            return;
        }
        CertificateSigningRequest csr;
        try {
            csr = keys.next();
        } catch (TlsException e) {
            LOG.error("auto_encrypt: {}", e.getMessage());
            retryLater();
            return;
        }
        signer.sign(csr.csrPem()).whenComplete((reply, failure) -> {
            if (failure != null) {
                LOG.warn("auto_encrypt: no server signed this agent's certificate ({}); asking again in {} s",
                        failure.getMessage(), retry.toSeconds());
                retryLater();
                return;
            }
            retry = FIRST_RETRY;
            onCertificate.accept(new Obtained(new InMemoryCredentials(csr.key(), reply.certificatePem()), reply.roots(),
                    reply.validBefore()));
            Duration renewal = renewalDelay(reply.validAfter(), reply.validBefore(), clock.instant());
            LOG.info("auto_encrypt: certificate obtained, valid until {}; renewed in {}", reply.validBefore(), renewal);
            scheduler.schedule(renewal, this::request);
        });
    }

    private synchronized void retryLater() {
        Duration delay = retry;
        retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        scheduler.schedule(delay, this::request);
    }

    /** Halfway through the validity, counted from now; at once when that moment has passed. */
    static Duration renewalDelay(Instant validAfter, Instant validBefore, Instant now) {
        Instant halfway = validAfter.plus(Duration.between(validAfter, validBefore).dividedBy(2));
        Duration delay = Duration.between(now, halfway);
        return delay.isNegative() ? Duration.ZERO : delay;
    }
}
