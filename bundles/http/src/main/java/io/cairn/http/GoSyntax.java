package io.cairn.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Consul's clients write booleans and durations the way Go parses them; these are the same
 * grammars, so {@code keys=True}, {@code consistent=1} and {@code wait=9.98s} mean here what
 * they mean to Consul.
 */
public final class GoSyntax {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign
            "\u03bcs", 1_000L, // Greek mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

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

    /**
     * Go's {@code time.ParseDuration}: a sign, then one or more decimal numbers each with a
     * unit ({@code 300ms}, {@code -1.5h}, {@code 2h45m}); a bare {@code 0} is allowed.
     *
     * @throws IllegalArgumentException when the text is not a duration or overflows
     */
    public static Duration parseDuration(String text) {
        String rest = text;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int pos = 0;
        while (pos < rest.length()) {
            int numberStart = pos;
            while (pos < rest.length() && isNumberChar(rest.charAt(pos))) {
                pos++;
            }
            String number = rest.substring(numberStart, pos);
            int unitStart = pos;
            while (pos < rest.length() && !isNumberChar(rest.charAt(pos))) {
                pos++;
            }
            Long unit = NANOS_PER_UNIT.get(rest.substring(unitStart, pos));
            if (unit == null || !isDecimal(number)) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw invalid(text);
        }
        long whole = nanos.longValue(); // Go truncates fractions of a nanosecond
        return Duration.ofNanos(negative ? -whole : whole);
    }

    /** Digits with at most one dot and at least one digit: {@code 1}, {@code 1.5}, {@code .5}, {@code 1.}. */
    private static boolean isDecimal(String number) {
        int dot = number.indexOf('.');
        return number.chars().anyMatch(c -> c != '.')
                && (dot < 0 || number.indexOf('.', dot + 1) < 0);
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
