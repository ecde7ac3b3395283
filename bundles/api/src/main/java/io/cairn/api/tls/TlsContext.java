package io.cairn.api.tls;

import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * A JDK TLS context with the parameters a connection made from it must use.
 *
 * @param sslContext      keys and trust
 * @param protocols       the protocol versions allowed ({@code tls_min_version} and up), JDK names
 * @param cipherSuites    the cipher suites allowed ({@code tls_cipher_suites}); empty for the JDK's defaults
 * @param needClientAuth  whether a peer must present a certificate of the CA ({@code verify_incoming})
 */
public record TlsContext(SSLContext sslContext, List<String> protocols, List<String> cipherSuites,
        boolean needClientAuth) {

    public TlsContext {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }
}
