package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.CaMaterial;
import io.cairn.api.tls.CertificateSigningRequest;
import io.cairn.api.tls.ClientCertificateRequest;
import io.cairn.api.tls.InMemoryCredentials;
import io.cairn.api.tls.SignedCertificate;
import io.cairn.api.tls.TlsContext;
import io.cairn.api.tls.TlsException;

class AutoEncryptAuthorityTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private final AutoEncryptAuthority authority = new AutoEncryptAuthority(Clock.fixed(NOW, ZoneOffset.UTC));

    private static ClientCertificateRequest request(String csr, String node, List<String> dns, List<String> ips) {
        return new ClientCertificateRequest(csr, "dc1", "consul", node, dns, ips);
    }

    private static X509Certificate parse(String pem) throws TlsException {
        return Pem.parseCertificates(pem).get(0);
    }

    @Test
    void aSignedRequestCarriesTheClientNamesTheRequestersKeyAndChainsToTheCa() throws Exception {
        CaMaterial ca = authority.create("dc1", "consul");
        CertificateSigningRequest csr = AutoEncryptAuthority.signingRequest("client.dc1.consul");

        SignedCertificate signed = authority.signClient(ca,
                request(csr.csrPem(), "web-1", List.of("extra.example"), List.of("10.0.0.7")), Duration.ofHours(72));

        X509Certificate leaf = parse(signed.certificatePem());
        X509Certificate root = parse(ca.certificatePem());
        assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1)).containsExactly((Object) 
                "client.dc1.consul", "web-1", "localhost", "extra.example", "127.0.0.1", "10.0.0.7");
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=client.dc1.consul");
        assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(signed.validBefore()).isEqualTo(NOW.plus(Duration.ofHours(72)));
        assertThat(signed.validAfter()).isBefore(NOW);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(root.getSubjectX500Principal().getName()).contains("Cairn Auto-Encrypt CA dc1");

        // the certificate holds the requester's key: it goes with the private key kept in memory
        SslContexts.outgoing(TlsSettings.none(), Optional.of(new InMemoryCredentials(csr.key(), signed.certificatePem())),
                false, Optional.empty(), List.of());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    @Test
    void aClientMayNeverBeNamedAServer() throws Exception {
        CaMaterial ca = authority.create("dc1", "consul");
        String csr = AutoEncryptAuthority.signingRequest("client.dc1.consul").csrPem();

        for (String name : List.of("server.dc1.consul", "SERVER.dc1.consul", "node1.server.dc1.consul", "*.dc1.consul")) {
            assertThatThrownBy(() -> authority.signClient(ca, request(csr, "web-1", List.of(name), List.of()),
                    Duration.ofHours(1))).isInstanceOf(TlsException.class).hasMessageContaining("auto_encrypt");
        }
        assertThatThrownBy(() -> authority.signClient(ca, request(csr, "server.dc1.consul", List.of(), List.of()),
                Duration.ofHours(1))).isInstanceOf(TlsException.class).hasMessageContaining("may not name");
        assertThatThrownBy(() -> authority.signClient(ca, request(csr, "web-1", List.of(), List.of("not-an-ip")),
                Duration.ofHours(1))).isInstanceOf(TlsException.class);
    }

    @Test
    void aRequestThatIsNotAValidSignedCsrIsRefused() throws Exception {
        CaMaterial ca = authority.create("dc1", "consul");
        String csr = AutoEncryptAuthority.signingRequest("client.dc1.consul").csrPem();
        String[] lines = csr.split("\n");
        // change one character of the body: the signature no longer holds, or the DER breaks
        String body = lines[3];
        char replacement = body.charAt(5) == 'A' ? 'B' : 'A';
        lines[3] = body.substring(0, 5) + replacement + body.substring(6);
        String tampered = String.join("\n", lines);

        assertThatThrownBy(() -> authority.signClient(ca, request(tampered, "web-1", List.of(), List.of()),
                Duration.ofHours(1))).isInstanceOf(TlsException.class);
        assertThatThrownBy(() -> authority.signClient(ca, request("hello", "web-1", List.of(), List.of()),
                Duration.ofHours(1))).isInstanceOf(TlsException.class);
    }

    @Test
    void aServerWithAutoEncryptWantsAClientCertificateAndTrustsTheAutoEncryptCa() throws Exception {
        AgentCa files = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        CaMaterial autoCa = new AutoEncryptAuthority(Clock.systemUTC()).create("dc1", "consul");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ae");
        Credentials server = files.issue(CertificateSpec.of(CertificateKind.SERVER, "dc1", "consul", Optional.empty(),
                List.of(), List.of(), 1));
        java.nio.file.Path caFile = java.nio.file.Files.writeString(dir.resolve("ca.pem"), files.credentials().certificatePem());
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("s.pem"), server.certificatePem());
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("s-key.pem"), server.keyPem());
        TlsSettings settings = new TlsSettings(caFile.toString(), null, cert.toString(), key.toString(), true, true, true,
                "TLSv1_2", null);

        TlsContext listening = SslContexts.serverWithAutoEncrypt(settings, List.of(autoCa.certificatePem()));

        assertThat(listening.wantClientAuth()).isTrue();
        assertThat(listening.needClientAuth()).isFalse();
        assertThat(listening.certificateRequired()).isTrue();
        CertificateSigningRequest csr = AutoEncryptAuthority.signingRequest("client.dc1.consul");
        SignedCertificate signed = new AutoEncryptAuthority(Clock.systemUTC()).signClient(autoCa,
                request(csr.csrPem(), "web-1", List.of(), List.of()), Duration.ofHours(1));
        TlsContext dialling = SslContexts.outgoing(settings, Optional.of(new InMemoryCredentials(csr.key(),
                signed.certificatePem())), true, Optional.of("server.dc1.consul"), List.of(autoCa.certificatePem()));
        // a handshake in memory: the server sees the auto_encrypt certificate, trusted through the extra root
        SSLSession session = handshake(listening, dialling);
        assertThat(((X509Certificate) session.getPeerCertificates()[0]).getSubjectAlternativeNames())
                .extracting(san -> (Object) san.get(1)).contains((Object) "web-1");

        TlsContext anonymous = SslContexts.outgoing(settings, Optional.empty(), true, Optional.of("server.dc1.consul"),
                List.of());
        SSLSession noCertificate = handshake(listening, anonymous);
        assertThatThrownBy(noCertificate::getPeerCertificates).isInstanceOf(javax.net.ssl.SSLPeerUnverifiedException.class);
    }

    /** Runs a TLS handshake between two engines in memory; the server side's session. */
    private static SSLSession handshake(TlsContext server, TlsContext client) throws SSLException {
        SSLEngine serverEngine = server.sslContext().createSSLEngine();
        serverEngine.setUseClientMode(false);
        serverEngine.setWantClientAuth(server.wantClientAuth());
        SSLEngine clientEngine = client.sslContext().createSSLEngine("127.0.0.1", 8300);
        clientEngine.setUseClientMode(true);
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer clientToServer = ByteBuffer.allocate(65536);
        ByteBuffer serverToClient = ByteBuffer.allocate(65536);
        ByteBuffer sink = ByteBuffer.allocate(65536);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        for (int i = 0; i < 100 && !(done(clientEngine) && done(serverEngine)); i++) {
            step(clientEngine, empty, clientToServer, serverToClient, sink);
            step(serverEngine, empty, serverToClient, clientToServer, sink);
        }
        return serverEngine.getSession();
    }

    private static boolean done(SSLEngine engine) {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        return status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || status == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws SSLException {
        in.flip();
        engine.unwrap(in, sink);
        in.compact();
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        engine.wrap(empty, out);
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        sink.clear();
    }
}
