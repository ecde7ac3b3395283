package io.cairn.api.tls;

import java.util.Objects;

/**
 * A CA's certificate and private key, PEM-encoded: the auto_encrypt CA that the servers of a
 * data centre share through their replicated state. The key never leaves the servers.
 *
 * @param certificatePem the self-signed CA certificate
 * @param keyPem         its private key (PKCS#8)
 * @since 1.3
 */
public record CaMaterial(String certificatePem, String keyPem) {

    public CaMaterial {
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(keyPem, "keyPem");
    }

    @Override
    public String toString() {
        return "CaMaterial[certificate, key hidden]";
    }
}
