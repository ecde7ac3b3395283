package io.cairn.api.tls;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A key and its certificate held in memory only (auto_encrypt), never in a file.
 *
 * @param key            the private key
 * @param certificatePem the certificate, PEM (a chain: the leaf first)
 * @since 1.3
 */
public record InMemoryCredentials(PrivateKey key, String certificatePem) {

    public InMemoryCredentials {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificatePem, "certificatePem");
    }

    @Override
    public String toString() {
        return "InMemoryCredentials[key hidden]";
    }
}
