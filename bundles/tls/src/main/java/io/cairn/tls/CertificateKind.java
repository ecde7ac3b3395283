package io.cairn.tls;

import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The three kinds of agent certificate {@code cairn tls cert create} makes, named as Consul
 * names them: the common name is the SAN that {@code verify_server_hostname} checks, the file
 * prefix is {@code <dc>-<kind>-<domain>}.
 */
public enum CertificateKind {
    /** May act as a server: {@code server.<dc>.<domain>}, used both to serve and to dial. */
    SERVER("server", "server.%s.%s", List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)),
    /** A client agent: serves its own HTTPS and dials servers, never acts as a server. */
    CLIENT("client", "client.%s.%s", List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)),
    /**
     * The command line: only ever dials an agent. Consul sets no extended key usage here (any
     * use); Cairn restricts it to client authentication, all a CLI certificate is for.
     */
    CLI("cli", "cli.client.%s.%s", List.of(KeyPurposeId.id_kp_clientAuth));

    private final String label;
    private final String nameFormat;
    private final List<KeyPurposeId> extendedKeyUsages;

    CertificateKind(String label, String nameFormat, List<KeyPurposeId> extendedKeyUsages) {
        this.label = label;
        this.nameFormat = nameFormat;
        this.extendedKeyUsages = extendedKeyUsages;
    }

    public String commonName(String datacenter, String domain) {
        return String.format(nameFormat, datacenter, domain);
    }

    /** {@code dc1-server-consul}: certificate files are {@code <prefix>-<n>.pem} and {@code <prefix>-<n>-key.pem}. */
    public String filePrefix(String datacenter, String domain) {
        return datacenter + "-" + label + "-" + domain;
    }

    List<KeyPurposeId> extendedKeyUsages() {
        return extendedKeyUsages;
    }
}
