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
 * @param wantClientAuth  whether a peer is asked for a certificate without the handshake requiring
 *                        one: server RPC with {@code auto_encrypt.allow_tls}, where the listener
 *                        itself refuses every request but the auto_encrypt sign request from a
 *                        peer without one (since 1.3)
 */
public record TlsContext(SSLContext sslContext, List<String> protocols, List<String> cipherSuites,
        boolean needClientAuth, boolean wantClientAuth) {

    public TlsContext {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        if (needClientAuth && wantClientAuth) {
            throw new IllegalArgumentException("a client certificate is either needed or wanted, not both");
        }
    }

    public TlsContext(SSLContext sslContext, List<String> protocols, List<String> cipherSuites,
            boolean needClientAuth) {
        this(sslContext, protocols, cipherSuites, needClientAuth, false);
    }

    /** Whether the listener requires a certificate, in the handshake or (wanted) per request. */
    public boolean certificateRequired() {
        return needClientAuth || wantClientAuth;
    }
}
