package io.cairn.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and the private key of its public key. */
public record Credentials(X509Certificate certificate, PrivateKey key) {

    public String certificatePem() {
        return Pem.encode(certificate);
    }

    public String keyPem() {
        return Pem.encode(key, certificate.getPublicKey());
    }
}
