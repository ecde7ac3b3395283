package io.cairn.api.tls;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A fresh key pair of a client agent with {@code auto_encrypt.tls} and the PKCS#10 request
 * for its public key. The key stays in the agent's memory only.
 *
 * @param key    the private key
 * @param csrPem the request, PEM
 * @since 1.3
 */
public record CertificateSigningRequest(PrivateKey key, String csrPem) {

    public CertificateSigningRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(csrPem, "csrPem");
    }

    @Override
    public String toString() {
        return "CertificateSigningRequest[key hidden]";
    }
}
