package io.cairn.http;

import java.util.Optional;

/**
 * Consul's clients write booleans the way Go parses them, so {@code keys=True} and
 * {@code consistent=1} mean here what they mean to Consul (durations: the API's
 * {@link io.cairn.api.config.GoDuration}).
 */
public final class GoSyntax {

    private GoSyntax() {
    }

    /** Go's {@code strconv.ParseBool}: empty when the text is none of its twelve spellings. */
    public static Optional<Boolean> parseBool(String text) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
