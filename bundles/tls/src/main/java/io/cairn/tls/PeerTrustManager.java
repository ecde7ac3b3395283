package io.cairn.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trust between servers, the same whichever side dialled: the peer's chain leads to the CA
 * and, when a name is required ({@code verify_server_hostname}), its certificate names
 * {@code server.<dc>.<domain>}. The host dialled is never checked: servers reach each other
 * by address, and Consul's server certificates name none but {@code 127.0.0.1}.
 */
final class PeerTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager chains;
    private final Optional<String> requiredName;

    PeerTrustManager(X509TrustManager chains, Optional<String> requiredName) {
        this.chains = chains;
        this.requiredName = requiredName;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chains.checkClientTrusted(chain, authType);
        requireName(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chains.checkServerTrusted(chain, authType);
        requireName(chain);
    }

    private void requireName(X509Certificate[] chain) throws CertificateException {
        if (requiredName.isPresent() && !PeerNameTrustManager.names(chain[0], requiredName.get())) {
            throw new CertificateException("peer certificate " + chain[0].getSubjectX500Principal().getName()
                    + " does not name " + requiredName.get() + ": not a server of this data centre");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chains.getAcceptedIssuers();
    }
}
