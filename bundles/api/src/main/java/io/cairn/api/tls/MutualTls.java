package io.cairn.api.tls;

import java.util.List;

import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.osgi.annotation.versioning.ProviderType;

import io.cairn.api.config.TlsSettings;

/**
 * Mutual TLS between servers (Raft), for a transport that builds its own TLS engine around
 * JSSE managers (Ratis's gRPC) rather than taking an {@code SSLContext}. Both sides present
 * the agent's certificate and require the peer's, of the CA; with
 * {@code verify_server_hostname} the peer's certificate must also name
 * {@code server.<dc>.<domain>}, whichever side dialled.
 *
 * <p>The managers are live: after {@link #reload}, every new handshake uses the new
 * certificate, key and CA, while the transport keeps the managers it was built with.
 *
 * @since 1.2
 */
@ProviderType
public interface MutualTls {

    X509ExtendedKeyManager keyManager();

    X509ExtendedTrustManager trustManager();

    /** The protocol versions allowed, JDK names. */
    List<String> protocols();

    /** The cipher suites allowed; empty for the JDK's defaults. */
    List<String> cipherSuites();

    /**
     * Reads the files anew: new handshakes use them from now on. On failure the previous
     * material stays in use.
     *
     * @throws TlsException when a file is missing or unreadable
     */
    void reload(TlsSettings settings) throws TlsException;
}
