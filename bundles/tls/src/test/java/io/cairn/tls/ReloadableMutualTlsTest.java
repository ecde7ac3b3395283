package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.MutualTls;

/** Real handshakes over loopback between two sides built from {@link ReloadableMutualTls}. */
class ReloadableMutualTlsTest {

    private static final String SERVER_NAME = "server.dc1.consul";

    @TempDir
    Path dir;

    private final AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());

    private TlsSettings files(AgentCa authority, CertificateKind kind, boolean verifyServerHostname) throws Exception {
        Path caFile = dir.resolve("ca-" + authority.certificate().getSerialNumber() + ".pem");
        if (!java.nio.file.Files.exists(caFile)) {
            Pem.writeCertificate(caFile, authority.credentials().certificatePem());
        }
        Credentials credentials = authority.issue(CertificateSpec.of(kind, "dc1", "consul", Optional.empty(),
                List.of(), List.of(), 1));
        CertificateFiles own = CertificateFiles.nextFree(dir, kind.filePrefix("dc1", "consul"));
        Pem.writeCertificate(own.certificate(), credentials.certificatePem());
        Pem.writePrivateKey(own.key(), credentials.keyPem());
        return new TlsSettings(caFile.toString(), null, own.certificate().toString(), own.key().toString(),
                true, true, verifyServerHostname, "TLSv1_2", null);
    }

    private static SSLContext context(MutualTls tls) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new javax.net.ssl.KeyManager[] {tls.keyManager()},
                new javax.net.ssl.TrustManager[] {tls.trustManager()}, null);
        return context;
    }

    /** One handshake, the listener requiring a client certificate; fails with the dialler's or listener's refusal. */
    private static void handshake(MutualTls listening, MutualTls dialling) throws Exception {
        handshake(context(listening), context(dialling));
    }

    private static void handshake(SSLContext listening, SSLContext dialling) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) listening.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // the dialler sees the alert
                }
            });
            try (SSLSocket socket = (SSLSocket) dialling.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                socket.startHandshake();
                // TLS 1.3 ends the client's handshake before the server has checked the client's certificate
                if (socket.getInputStream().read() != 1) {
                    throw new SSLHandshakeException("the listener closed the connection");
                }
            } finally {
                accepted.get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void twoServersOfTheCaTalkWithTheirNameChecked() throws Exception {
        handshake(ReloadableMutualTls.of(files(ca, CertificateKind.SERVER, true), SERVER_NAME),
                ReloadableMutualTls.of(files(ca, CertificateKind.SERVER, true), SERVER_NAME));
    }

    @Test
    void aClientCertificateIsNoServerEitherWay() throws Exception {
        MutualTls server = ReloadableMutualTls.of(files(ca, CertificateKind.SERVER, true), SERVER_NAME);
        MutualTls posing = ReloadableMutualTls.of(files(ca, CertificateKind.CLIENT, true), SERVER_NAME);

        assertThatThrownBy(() -> handshake(server, posing)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> handshake(posing, server)).isInstanceOf(IOException.class);
    }

    @Test
    void withoutVerifyServerHostnameTheCaSignatureIsWhatCounts() throws Exception {
        handshake(ReloadableMutualTls.of(files(ca, CertificateKind.SERVER, false), SERVER_NAME),
                ReloadableMutualTls.of(files(ca, CertificateKind.CLIENT, false), SERVER_NAME));
    }

    @Test
    void anotherCasServerIsRefused() throws Exception {
        AgentCa other = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        MutualTls server = ReloadableMutualTls.of(files(ca, CertificateKind.SERVER, true), SERVER_NAME);
        MutualTls stranger = ReloadableMutualTls.of(files(other, CertificateKind.SERVER, true), SERVER_NAME);

        assertThatThrownBy(() -> handshake(server, stranger)).isInstanceOf(IOException.class);
    }

    @Test
    void aReloadSwapsCertificatesUnderManagersAlreadyHandedOut() throws Exception {
        AgentCa rotated = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        MutualTls server = ReloadableMutualTls.of(files(ca, CertificateKind.SERVER, true), SERVER_NAME);
        MutualTls peer = ReloadableMutualTls.of(files(rotated, CertificateKind.SERVER, true), SERVER_NAME);
        // built once, as Ratis builds its contexts when the server is built
        SSLContext listening = context(server);
        assertThatThrownBy(() -> handshake(listening, context(peer))).isInstanceOf(IOException.class);

        server.reload(files(rotated, CertificateKind.SERVER, true));

        handshake(listening, context(peer));
    }

    @Test
    void mutualTlsNeedsACa() throws Exception {
        TlsSettings noCa = files(ca, CertificateKind.SERVER, true);
        TlsSettings withoutCa = new TlsSettings(null, null, noCa.certFile(), noCa.keyFile(), true, true, true,
                "TLSv1_2", null);

        assertThatThrownBy(() -> ReloadableMutualTls.of(withoutCa, SERVER_NAME))
                .hasMessageContaining("needs ca_file or ca_path");
    }
}
