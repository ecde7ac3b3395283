package io.cairn.http;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * Consul's JSON names from Java property names: every word capitalised, known acronyms in
 * capitals ({@code serviceId} → {@code ServiceID}, {@code grpcUseTls} → {@code GRPCUseTLS}),
 * so API records stay plain Java without annotations.
 */
public final class ConsulNaming extends PropertyNamingStrategies.NamingBase {

    private static final long serialVersionUID = 1L;

    /** Words Consul (Go) writes in capitals, lower-case here. */
    private static final Set<String> ACRONYMS = Set.of(
            "id", "ttl", "http", "https", "tcp", "udp", "grpc", "tls", "dns", "h2ping",
            "acl", "rpc", "ui");

    @Override
    public String translate(String propertyName) {
        if (propertyName == null || propertyName.isEmpty()) {
            return propertyName;
        }
        StringBuilder out = new StringBuilder(propertyName.length() + 4);
        int wordStart = 0;
        for (int i = 1; i <= propertyName.length(); i++) {
            if (i == propertyName.length() || Character.isUpperCase(propertyName.charAt(i))) {
                appendWord(out, propertyName.substring(wordStart, i));
                wordStart = i;
            }
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder out, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (ACRONYMS.contains(lower)) {
            out.append(lower.toUpperCase(Locale.ROOT));
        } else {
            out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
    }
}
