package io.cairn.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.InMemoryCredentials;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsException;

/**
 * JDK {@link SSLContext}s from PEM files: the agent's listeners from its {@code tls}
 * settings, the command line's connections from its flags. Files are read on every call,
 * so rotated certificates are picked up by the next call.
 */
public final class SslContexts {

    /** Consul's {@code tls_min_version} values, lowest first, with the JDK's names. */
    private static final List<String> CONSUL_VERSIONS = List.of("TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3");
    private static final List<String> JDK_VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final char[] NO_PASSWORD = new char[0];

    private SslContexts() {
    }

    /**
     * A listener's context: its certificate and key, and with {@code verify_incoming} a
     * client certificate of the CA required.
     */
    public static TlsContext server(TlsSettings settings) throws TlsException {
        if (settings.certFile() == null || settings.keyFile() == null) {
            throw new TlsException("cert_file and key_file must both be set to serve TLS");
        }
        List<X509Certificate> cas = caCertificates(settings.caFile(), settings.caPath());
        if (settings.verifyIncoming() && cas.isEmpty()) {
            throw new TlsException("verify_incoming is set but no ca_file or ca_path names the CA to check clients against");
        }
        KeyManager[] keys = keyManagers(Path.of(settings.certFile()), Path.of(settings.keyFile()));
        TrustManager[] trust = cas.isEmpty() ? null : new TrustManager[] {trustManager(cas)};
        return new TlsContext(context(keys, trust), protocolsFrom(settings.tlsMinVersion()),
                cipherSuites(settings.tlsCipherSuites()), settings.verifyIncoming());
    }

    /**
     * A context for dialling a TLS server.
     *
     * @param caFile      PEM file of the CA(s) to trust; with {@code caPath} empty: the JDK's
     * @param caPath      a directory of PEM CA files
     * @param certificate this side's certificate and key files, to present when asked
     * @param verify      false trusts any server ({@code CONSUL_HTTP_SSL_VERIFY=false})
     * @param serverName  the name the server's certificate must carry; empty: the host dialled
     */
    public static SSLContext client(Optional<Path> caFile, Optional<Path> caPath,
            Optional<CertificateFiles> certificate, boolean verify, Optional<String> serverName) throws TlsException {
        KeyManager[] keys = certificate.isEmpty() ? null
                : keyManagers(certificate.get().certificate(), certificate.get().key());
        X509TrustManager trust;
        if (!verify) {
            trust = PeerNameTrustManager.trustingAnyone();
        } else {
            List<X509Certificate> cas = caCertificates(caFile.map(Path::toString).orElse(null),
                    caPath.map(Path::toString).orElse(null));
            trust = new PeerNameTrustManager(cas.isEmpty() ? jdkTrustManager() : trustManager(cas), serverName);
        }
        return context(keys, new TrustManager[] {trust});
    }

    /**
     * The agent's context for dialling out (health checks): the CA of its {@code tls}
     * settings (the JDK's when none), its own certificate when it has one.
     */
    public static TlsContext outgoing(TlsSettings settings, boolean verify, Optional<String> serverName)
            throws TlsException {
        Optional<CertificateFiles> own = settings.certFile() == null || settings.keyFile() == null ? Optional.empty()
                : Optional.of(new CertificateFiles(Path.of(settings.certFile()), Path.of(settings.keyFile())));
        SSLContext context = client(Optional.ofNullable(settings.caFile()).map(Path::of),
                Optional.ofNullable(settings.caPath()).map(Path::of), own, verify, serverName);
        return new TlsContext(context, protocolsFrom(settings.tlsMinVersion()), cipherSuites(settings.tlsCipherSuites()),
                false);
    }

    /**
     * Server RPC with {@code auto_encrypt.allow_tls}: the agent's certificate; client
     * certificates checked against the files' CA and {@code extraRootPems} (the auto_encrypt
     * CA), and with {@code verify_incoming} wanted rather than needed: the listener refuses
     * every request but the sign request from a peer without one.
     */
    public static TlsContext serverWithAutoEncrypt(TlsSettings settings, List<String> extraRootPems)
            throws TlsException {
        if (settings.certFile() == null || settings.keyFile() == null) {
            throw new TlsException("cert_file and key_file must both be set to serve TLS");
        }
        List<X509Certificate> cas = new ArrayList<>(caCertificates(settings.caFile(), settings.caPath()));
        cas.addAll(parseAll(extraRootPems));
        if (settings.verifyIncoming() && cas.isEmpty()) {
            throw new TlsException("verify_incoming is set but no ca_file or ca_path names the CA to check clients against");
        }
        KeyManager[] keys = keyManagers(Path.of(settings.certFile()), Path.of(settings.keyFile()));
        TrustManager[] trust = cas.isEmpty() ? null : new TrustManager[] {trustManager(cas)};
        return new TlsContext(context(keys, trust), protocolsFrom(settings.tlsMinVersion()),
                cipherSuites(settings.tlsCipherSuites()), false, settings.verifyIncoming());
    }

    /**
     * Dialling server RPC with credentials held in memory (auto_encrypt), or none: servers
     * checked against the files' CA and {@code extraRootPems}, named {@code serverName} when
     * given (else the CA's signature alone: servers are dialled by address); with
     * {@code verify} false, anyone.
     */
    public static TlsContext outgoing(TlsSettings settings, Optional<InMemoryCredentials> own, boolean verify,
            Optional<String> serverName, List<String> extraRootPems) throws TlsException {
        KeyManager[] keys = null;
        if (own.isPresent()) {
            List<X509Certificate> chain = Pem.parseCertificates(own.get().certificatePem());
            if (chain.isEmpty()) {
                throw new TlsException("no certificate in the credentials held in memory");
            }
            keys = keyManagers(own.get().key(), chain, "the key held in memory does not go with its certificate");
        }
        X509TrustManager trust;
        if (!verify) {
            trust = PeerNameTrustManager.trustingAnyone();
        } else {
            List<X509Certificate> cas = new ArrayList<>(caCertificates(settings.caFile(), settings.caPath()));
            cas.addAll(parseAll(extraRootPems));
            // servers are dialled by address: the name checked is the one given, else none (the CA's signature only)
            trust = new PeerTrustManager(cas.isEmpty() ? jdkTrustManager() : trustManager(cas), serverName);
        }
        return new TlsContext(context(keys, new TrustManager[] {trust}), protocolsFrom(settings.tlsMinVersion()),
                cipherSuites(settings.tlsCipherSuites()), false);
    }

    private static List<X509Certificate> parseAll(List<String> pems) throws TlsException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String pem : pems) {
            certificates.addAll(Pem.parseCertificates(pem));
        }
        return certificates;
    }

    /** The agent's certificate and key of {@code cert_file}/{@code key_file}, as one key manager. */
    static X509ExtendedKeyManager keyManager(TlsSettings settings) throws TlsException {
        if (settings.certFile() == null || settings.keyFile() == null) {
            throw new TlsException("cert_file and key_file must both be set for mutual TLS");
        }
        return Arrays.stream(keyManagers(Path.of(settings.certFile()), Path.of(settings.keyFile())))
                .filter(X509ExtendedKeyManager.class::isInstance).map(X509ExtendedKeyManager.class::cast)
                .findFirst().orElseThrow(() -> new TlsException("the JDK offers no X.509 key manager"));
    }

    /**
     * Trust between servers ({@link PeerTrustManager}): the CA of {@code ca_file}/{@code ca_path}
     * only, and {@code serverName} on the peer's certificate with {@code verify_server_hostname}.
     */
    static X509ExtendedTrustManager peerTrust(TlsSettings settings, String serverName) throws TlsException {
        List<X509Certificate> cas = caCertificates(settings.caFile(), settings.caPath());
        if (cas.isEmpty()) {
            throw new TlsException("mutual TLS between servers needs ca_file or ca_path to check peers against");
        }
        return new PeerTrustManager(trustManager(cas),
                settings.verifyServerHostname() ? Optional.of(serverName) : Optional.empty());
    }

    /** The JDK protocol names from {@code tls_min_version} up to TLS 1.3. */
    static List<String> protocolsFrom(String minVersion) throws TlsException {
        int lowest = CONSUL_VERSIONS.indexOf(minVersion == null ? "TLSv1_2" : minVersion);
        if (lowest < 0) {
            throw new TlsException("tls_min_version " + minVersion + " is not one of " + CONSUL_VERSIONS);
        }
        return JDK_VERSIONS.subList(lowest, JDK_VERSIONS.size());
    }

    static List<String> cipherSuites(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The CA certificates of {@code ca_file} and of every file in {@code ca_path} holding one. */
    static List<X509Certificate> caCertificates(String caFile, String caPath) throws TlsException {
        List<X509Certificate> cas = new ArrayList<>();
        if (caFile != null) {
            List<X509Certificate> fromFile = Pem.readCertificates(Path.of(caFile));
            if (fromFile.isEmpty()) {
                throw new TlsException("no certificate in ca_file " + caFile);
            }
            cas.addAll(fromFile);
        }
        if (caPath != null) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(Path.of(caPath))) {
                files = listing.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                throw new TlsException("Error reading ca_path " + caPath + ": " + e.getMessage(), e);
            }
            for (Path file : files) {
                cas.addAll(Pem.readCertificates(file));
            }
            if (cas.isEmpty()) {
                throw new TlsException("no certificate in ca_path " + caPath);
            }
        }
        return cas;
    }

    private static KeyManager[] keyManagers(Path certificateFile, Path keyFile) throws TlsException {
        List<X509Certificate> chain = Pem.readCertificates(certificateFile);
        if (chain.isEmpty()) {
            throw new TlsException("no certificate in " + certificateFile);
        }
        PrivateKey key = Pem.readPrivateKey(keyFile);
        return keyManagers(key, chain, "the key in " + keyFile + " does not go with the certificate in " + certificateFile);
    }

    private static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain, String mismatch)
            throws TlsException {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("agent", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new TlsException(mismatch + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trusts chains leading to one of the CAs. The JDK does not apply a CA's own name
     * constraints ({@code -name-constraint}) when the CA is the trust anchor; Go does.
     */
    private static X509TrustManager trustManager(List<X509Certificate> cas) throws TlsException {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return x509(store);
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot trust the CA certificates: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jdkTrustManager() throws TlsException {
        try {
            return x509(null);
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot load the JDK's trusted CAs: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return Arrays.stream(factory.getTrustManagers())
                .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws TlsException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
