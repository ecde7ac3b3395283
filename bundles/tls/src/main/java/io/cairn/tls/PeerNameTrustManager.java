package io.cairn.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server whose chain leads to a trusted CA and whose certificate names the host:
 * the one given ({@code -tls-server-name}, {@code server.<dc>.<domain>} for
 * {@code verify_server_hostname}), else the host dialled, as Go's TLS client checks it.
 * The JDK's own check knows only the host dialled.
 */
final class PeerNameTrustManager extends X509ExtendedTrustManager {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final X509TrustManager chains;
    private final Optional<String> serverName;

    PeerNameTrustManager(X509TrustManager chains, Optional<String> serverName) {
        this.chains = chains;
        this.serverName = serverName;
    }

    /** {@code CONSUL_HTTP_SSL_VERIFY=false}: any certificate, any name. */
    static X509TrustManager trustingAnyone() {
        return new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, socket == null || socket.getInetAddress() == null ? null
                : socket.getInetAddress().getHostAddress());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null);
    }

    private void check(X509Certificate[] chain, String authType, String peerHost) throws CertificateException {
        chains.checkServerTrusted(chain, authType);
        String expected = serverName.orElse(peerHost);
        if (expected == null) {
            throw new CertificateException("no server name to check the certificate against");
        }
        if (!names(chain[0], expected)) {
            throw new CertificateException("certificate is valid for " + subjectAltNames(chain[0])
                    + ", not " + expected);
        }
    }

    /** Whether the certificate's SANs name the host: an IP SAN for an address, a DNS SAN (or wildcard) else. */
    static boolean names(X509Certificate certificate, String host) throws CertificateParsingException {
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        if (sans == null) {
            return false;
        }
        Optional<InetAddress> ip = ipLiteral(host);
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = (String) san.get(1);
            if (ip.isPresent() ? type == IP_ADDRESS && ipLiteral(value).equals(ip) : type == DNS_NAME && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }

    private static Optional<InetAddress> ipLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return Optional.of(CertificateSpec.ipAddress(bare));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String subjectAltNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        return sans == null ? "no names" : sans.stream().map(san -> String.valueOf(san.get(1))).toList().toString();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        chains.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        chains.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chains.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chains.getAcceptedIssuers();
    }
}
