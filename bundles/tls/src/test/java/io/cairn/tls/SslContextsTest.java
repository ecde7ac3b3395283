package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.TlsContext;

class SslContextsTest {

    @TempDir
    Path dir;

    private final AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());

    private CertificateFiles write(String prefix, Credentials credentials) throws Exception {
        CertificateFiles files = CertificateFiles.nextFree(dir, prefix);
        Pem.writeCertificate(files.certificate(), credentials.certificatePem());
        Pem.writePrivateKey(files.key(), credentials.keyPem());
        return files;
    }

    private Path caFile() throws Exception {
        Path file = dir.resolve("ca.pem");
        if (!Files.exists(file)) {
            Pem.writeCertificate(file, ca.credentials().certificatePem());
        }
        return file;
    }

    private TlsSettings settings(Path caFile, CertificateFiles server, boolean verifyIncoming, String minVersion) {
        return new TlsSettings(caFile == null ? null : caFile.toString(), null, server.certificate().toString(),
                server.key().toString(), verifyIncoming, false, false, minVersion, null);
    }

    private CertificateFiles serverFiles() throws Exception {
        return write("dc1-server-consul", ca.issue(CertificateSpec.of(CertificateKind.SERVER, "dc1", "consul",
                Optional.empty(), List.of(), List.of(), 1)));
    }

    @Test
    void aListenerContextCarriesItsVersionsAndClientAuth() throws Exception {
        TlsContext context = SslContexts.server(settings(caFile(), serverFiles(), true, "TLSv1_3"));

        assertThat(context.protocols()).containsExactly("TLSv1.3");
        assertThat(context.needClientAuth()).isTrue();
        assertThat(context.sslContext().createSSLEngine()).isNotNull();
        assertThat(SslContexts.server(settings(null, serverFiles(), false, "TLSv1_2")).protocols())
                .containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Test
    void verifyIncomingWithoutACaIsAnError() throws Exception {
        assertThatThrownBy(() -> SslContexts.server(settings(null, serverFiles(), true, "TLSv1_2")))
                .hasMessageContaining("verify_incoming is set but no ca_file or ca_path");
    }

    @Test
    void aListenerNeedsACertificateAndKey() {
        assertThatThrownBy(() -> SslContexts.server(TlsSettings.none()))
                .hasMessage("cert_file and key_file must both be set to serve TLS");
    }

    @Test
    void aCaPathTrustsEveryCertificateInIt() throws Exception {
        Path cas = Files.createDirectory(dir.resolve("cas"));
        AgentCa other = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        Pem.writeCertificate(cas.resolve("a.pem"), ca.credentials().certificatePem());
        Pem.writeCertificate(cas.resolve("b.crt"), other.credentials().certificatePem());
        Files.writeString(cas.resolve("README"), "not a certificate");

        List<X509Certificate> trusted = SslContexts.caCertificates(null, cas.toString());

        assertThat(trusted).containsExactlyInAnyOrder(ca.certificate(), other.certificate());
    }

    @Test
    void theServerNameIsCheckedAgainstTheSans() throws Exception {
        X509Certificate server = ca.issue(CertificateSpec.of(CertificateKind.SERVER, "dc1", "consul",
                Optional.empty(), List.of("*.web.example.com"), List.of(CertificateSpec.ipAddress("10.0.0.1")), 1)).certificate();

        assertThat(PeerNameTrustManager.names(server, "server.dc1.consul")).isTrue();
        assertThat(PeerNameTrustManager.names(server, "SERVER.dc1.consul")).isTrue();
        assertThat(PeerNameTrustManager.names(server, "127.0.0.1")).isTrue();
        assertThat(PeerNameTrustManager.names(server, "10.0.0.1")).isTrue();
        assertThat(PeerNameTrustManager.names(server, "a.web.example.com")).isTrue();
        assertThat(PeerNameTrustManager.names(server, "a.b.web.example.com")).isFalse();
        assertThat(PeerNameTrustManager.names(server, "client.dc1.consul")).isFalse();
        assertThat(PeerNameTrustManager.names(server, "127.0.0.60")).isFalse();
    }

    @Test
    void anUnknownMinimumVersionIsAnError() {
        assertThatThrownBy(() -> SslContexts.protocolsFrom("TLSv9")).hasMessageContaining("tls_min_version TLSv9");
    }
}
