package io.cairn.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.MutualTls;
import io.cairn.api.tls.TlsException;

/**
 * {@link MutualTls} whose managers forward to the material read last, so a transport built
 * once (Ratis builds its TLS contexts when the server is built) picks up rotated
 * certificates at its next handshake. Protocols and cipher suites are what the transport was
 * built with: they change only with a restart.
 */
public final class ReloadableMutualTls implements MutualTls {

    /** One consistent reading of the files. */
    private record Material(X509ExtendedKeyManager keys, X509ExtendedTrustManager trust) {
    }

    private final String serverName;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private volatile Material current;

    private ReloadableMutualTls(String serverName, Material material, List<String> protocols, List<String> cipherSuites) {
        this.serverName = serverName;
        this.current = material;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    public static ReloadableMutualTls of(TlsSettings settings, String serverName) throws TlsException {
        return new ReloadableMutualTls(serverName, read(settings, serverName),
                SslContexts.protocolsFrom(settings.tlsMinVersion()), SslContexts.cipherSuites(settings.tlsCipherSuites()));
    }

    private static Material read(TlsSettings settings, String serverName) throws TlsException {
        return new Material(SslContexts.keyManager(settings), SslContexts.peerTrust(settings, serverName));
    }

    @Override
    public void reload(TlsSettings settings) throws TlsException {
        current = read(settings, serverName);
    }

    @Override
    public List<String> protocols() {
        return protocols;
    }

    @Override
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    @Override
    public X509ExtendedKeyManager keyManager() {
        return new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return current.keys().getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return current.keys().chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return current.keys().chooseEngineClientAlias(keyType, issuers, engine);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return current.keys().getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return current.keys().chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return current.keys().chooseEngineServerAlias(keyType, issuers, engine);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return current.keys().getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return current.keys().getPrivateKey(alias);
            }
        };
    }

    @Override
    public X509ExtendedTrustManager trustManager() {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                current.trust().checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                current.trust().checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                current.trust().checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                current.trust().checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                current.trust().checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                current.trust().checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return current.trust().getAcceptedIssuers();
            }
        };
    }
}
