package io.cairn.api.config;

/**
 * TLS settings of one listener family ({@code tls.defaults}, {@code tls.internal_rpc},
 * {@code tls.https}, {@code tls.grpc}). The specific blocks are given with {@code defaults}
 * already applied, so a consumer reads one block only. {@code null} files mean not set.
 */
public record TlsSettings(
        String caFile,
        String caPath,
        String certFile,
        String keyFile,
        boolean verifyIncoming,
        boolean verifyOutgoing,
        boolean verifyServerHostname,
        String tlsMinVersion,
        String tlsCipherSuites) {

    public static TlsSettings none() {
        return new TlsSettings(null, null, null, null, false, false, false, "TLSv1_2", null);
    }
}
