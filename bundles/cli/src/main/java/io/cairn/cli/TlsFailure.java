package io.cairn.cli;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

/**
 * Says in a user's words why a TLS connection to an agent failed, in the terms Go's TLS
 * stack (and so Consul's CLI) uses: the JDK reports it as a chain of exceptions.
 */
final class TlsFailure {

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private TlsFailure() {
    }

    static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher alert = ALERT.matcher(message);
            if (alert.find()) {
                // the agent refused us: certificate_required, bad_certificate, unknown_ca, certificate_expired...
                return Optional.of("remote error: tls: " + alert.group(1).replace('_', ' ').toLowerCase(Locale.ROOT)
                        + hint(alert.group(1)));
            }
            if (t instanceof CertPathValidatorException || message.contains("PKIX path")) {
                return Optional.of("x509: certificate signed by unknown authority (set -ca-file or CONSUL_CACERT to the agent's CA)");
            }
            if (t instanceof CertificateException && message.startsWith("certificate is valid for")) {
                return Optional.of("x509: " + message);
            }
            if (t instanceof SSLException && message.contains("plaintext connection")
                    || message.contains("Unsupported or unrecognized SSL message")) {
                return Optional.of("the agent does not speak TLS on this port (an http:// address is for plain HTTP)");
            }
        }
        return Optional.empty();
    }

    private static String hint(String alert) {
        return switch (alert) {
            case "certificate_required" -> " (the agent verifies incoming connections: set -client-cert and -client-key)";
            case "bad_certificate", "unknown_ca", "certificate_unknown" -> " (the agent does not trust the client certificate)";
            case "certificate_expired" -> " (the client certificate has expired)";
            default -> "";
        };
    }
}
