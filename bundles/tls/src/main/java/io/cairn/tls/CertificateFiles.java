package io.cairn.tls;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code cairn tls} puts what it makes, with Consul's file names: the CA as
 * {@code <domain>-agent-ca.pem} and {@code <domain>-agent-ca-key.pem}, certificates as
 * {@code <prefix>-<n>.pem} and {@code <prefix>-<n>-key.pem} with the first n free.
 */
public record CertificateFiles(Path certificate, Path key) {

    /** Consul gives up after this many. */
    private static final int MAX_NUMBER = 10_000;

    public static CertificateFiles ca(Path dir, String domain) {
        return new CertificateFiles(dir.resolve(domain + "-agent-ca.pem"), dir.resolve(domain + "-agent-ca-key.pem"));
    }

    /** The first {@code n} for which neither file exists. */
    public static CertificateFiles nextFree(Path dir, String prefix) {
        for (int n = 0; n <= MAX_NUMBER; n++) {
            CertificateFiles candidate = new CertificateFiles(dir.resolve(prefix + "-" + n + ".pem"),
                    dir.resolve(prefix + "-" + n + "-key.pem"));
            if (!Files.exists(candidate.certificate()) && !Files.exists(candidate.key())) {
                return candidate;
            }
        }
        throw new IllegalStateException("Could not find a filename that doesn't already exist");
    }
}
