package io.cairn.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import io.cairn.api.tls.TlsException;
import io.cairn.tls.CertificateFiles;
import io.cairn.tls.SslContexts;

/**
 * How the command line dials an agent over HTTPS: each setting from its flag, else Consul's
 * variable (or its {@code CAIRN_*} alias, which wins over it).
 */
record HttpsOptions(Optional<Path> caFile, Optional<Path> caPath, Optional<CertificateFiles> clientCertificate,
        boolean verify, Optional<String> serverName) {

    static HttpsOptions from(HttpOptions flags, Function<String, String> env) throws CliException {
        Optional<String> cert = flagOrEnv(flags.clientCert, env, "CLIENT_CERT");
        Optional<String> key = flagOrEnv(flags.clientKey, env, "CLIENT_KEY");
        if (cert.isPresent() != key.isPresent()) {
            throw new CliException("A client certificate needs its key and a key its certificate: set both -client-cert"
                    + " and -client-key (CONSUL_CLIENT_CERT and CONSUL_CLIENT_KEY)");
        }
        return new HttpsOptions(flagOrEnv(flags.caFile, env, "CACERT").map(Path::of),
                flagOrEnv(flags.caPath, env, "CAPATH").map(Path::of),
                cert.map(c -> new CertificateFiles(Path.of(c), Path.of(key.get()))),
                AgentClient.firstOf(env, "CAIRN_HTTP_SSL_VERIFY", "CONSUL_HTTP_SSL_VERIFY").map(Boolean::parseBoolean).orElse(true),
                flagOrEnv(flags.tlsServerName, env, "TLS_SERVER_NAME"));
    }

    private static Optional<String> flagOrEnv(String flag, Function<String, String> env, String suffix) {
        return Optional.ofNullable(flag).filter(s -> !s.isEmpty())
                .or(() -> AgentClient.firstOf(env, "CAIRN_" + suffix, "CONSUL_" + suffix));
    }

    SSLContext sslContext() throws CliException {
        try {
            return SslContexts.client(caFile, caPath, clientCertificate, verify, serverName);
        } catch (TlsException e) {
            throw new CliException("Error setting up TLS: " + e.getMessage());
        }
    }
}
