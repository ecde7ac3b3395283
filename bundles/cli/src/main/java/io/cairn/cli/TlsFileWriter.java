package io.cairn.cli;

import java.io.IOException;
import java.io.PrintStream;

import io.cairn.tls.CertificateFiles;
import io.cairn.tls.Credentials;
import io.cairn.tls.Pem;

/** Saves what {@code cairn tls} made, announcing each file as Consul does. */
final class TlsFileWriter {

    private TlsFileWriter() {
    }

    static void write(CertificateFiles files, Credentials credentials, PrintStream out) throws CliException {
        try {
            Pem.writeCertificate(files.certificate(), credentials.certificatePem());
            out.println("==> Saved " + files.certificate());
            Pem.writePrivateKey(files.key(), credentials.keyPem());
            out.println("==> Saved " + files.key());
        } catch (IOException e) {
            throw new CliException("Error writing " + e.getMessage());
        }
    }
}
