package io.cairn.api.tls;

import java.time.Instant;
import java.util.Objects;

/**
 * A certificate the auto_encrypt CA issued.
 *
 * @param certificatePem the certificate, PEM
 * @param validAfter     its notBefore
 * @param validBefore    its notAfter
 * @since 1.3
 */
public record SignedCertificate(String certificatePem, Instant validAfter, Instant validBefore) {

    public SignedCertificate {
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(validAfter, "validAfter");
        Objects.requireNonNull(validBefore, "validBefore");
    }
}
