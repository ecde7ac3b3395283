package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.tls.TlsException;

class PemTest {

    @TempDir
    Path dir;

    @Test
    void aCaWrittenAsConsulWritesItLoadsBackAndSigns() throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        CertificateFiles files = CertificateFiles.ca(dir, "consul");
        Pem.writeCertificate(files.certificate(), ca.credentials().certificatePem());
        Pem.writePrivateKey(files.key(), ca.credentials().keyPem());

        assertThat(files.certificate()).hasFileName("consul-agent-ca.pem");
        assertThat(files.key()).hasFileName("consul-agent-ca-key.pem");
        assertThat(Files.readString(files.certificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(files.key())).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key()))).isEqualTo("rw-------");

        AgentCa loaded = AgentCa.load(files.certificate(), files.key(), Clock.systemUTC());
        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        loaded.issue(CertificateSpec.of(CertificateKind.CLI, "dc1", "consul", Optional.empty(), List.of(), List.of(), 1))
                .certificate().verify(ca.certificate().getPublicKey());
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path key = Files.writeString(dir.resolve("k.pem"), "mine");

        assertThatThrownBy(() -> Pem.writePrivateKey(key, "other")).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Pem.writeCertificate(key, "other")).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(key)).isEqualTo("mine");
    }

    @Test
    void aMissingOrKeylessFileIsNamedInTheError() throws Exception {
        assertThatThrownBy(() -> Pem.readPrivateKey(dir.resolve("nope.pem")))
                .isInstanceOf(TlsException.class).hasMessageContaining("nope.pem").hasMessageContaining("no such file");
        Path certOnly = Files.writeString(dir.resolve("cert.pem"),
                AgentCa.create(CaOptions.defaults(), Clock.systemUTC()).credentials().certificatePem());
        assertThatThrownBy(() -> Pem.readPrivateKey(certOnly)).hasMessageContaining("no private key in");
    }

    @Test
    void certificatesAreNumberedWithTheFirstFreeNumber() throws Exception {
        assertThat(CertificateFiles.nextFree(dir, "dc1-server-consul").certificate()).hasFileName("dc1-server-consul-0.pem");
        Files.writeString(dir.resolve("dc1-server-consul-0.pem"), "");
        Files.writeString(dir.resolve("dc1-server-consul-1-key.pem"), "");

        CertificateFiles next = CertificateFiles.nextFree(dir, "dc1-server-consul");
        assertThat(next.certificate()).hasFileName("dc1-server-consul-2.pem");
        assertThat(next.key()).hasFileName("dc1-server-consul-2-key.pem");
        assertThat(CertificateFiles.nextFree(dir, "dc1-cli-consul").certificate()).hasFileName("dc1-cli-consul-0.pem");
    }
}
