package io.cairn.agent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Durations as Consul's clients send and show them: Go's syntax ({@code "10s"},
 * {@code "1m30s"}, {@code "1.5h"}) or a bare number of nanoseconds, which Go's JSON decoder
 * also takes for a {@code time.Duration}.
 */
final class GoDuration {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * A JSON value as a duration: null stays null.
     *
     * @throws IllegalArgumentException naming the text when it is no duration
     */
    static Duration of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return Duration.ofNanos(n.longValue());
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : parse(text);
    }

    /** Go's {@code time.ParseDuration}. */
    static Duration parse(String text) {
        String rest = text;
        boolean negative = rest.startsWith("-");
        if (negative || rest.startsWith("+")) {
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        while (!rest.isEmpty()) {
            int numberEnd = 0;
            while (numberEnd < rest.length() && (Character.isDigit(rest.charAt(numberEnd)) || rest.charAt(numberEnd) == '.')) {
                numberEnd++;
            }
            int unitEnd = numberEnd;
            while (unitEnd < rest.length() && !Character.isDigit(rest.charAt(unitEnd)) && rest.charAt(unitEnd) != '.') {
                unitEnd++;
            }
            Long unit = NANOS_PER_UNIT.get(rest.substring(numberEnd, unitEnd));
            if (numberEnd == 0 || unit == null) {
                throw invalid(text);
            }
            try {
                nanos = nanos.add(new BigDecimal(rest.substring(0, numberEnd)).multiply(BigDecimal.valueOf(unit)));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            rest = rest.substring(unitEnd);
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    /** Go's {@code Duration.String()}: {@code 10s}, {@code 1m30s}, {@code 1h0m0s}, {@code 500ms}. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0 && !d.isNegative()) {
            long nanos = d.toNanos();
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            return nanos % 1_000 == 0 ? nanos / 1_000 + "\u00b5s" : nanos + "ns";
        }
        StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "");
        Duration abs = d.abs();
        long hours = abs.toHours();
        long minutes = abs.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        BigDecimal seconds = BigDecimal.valueOf(abs.toSecondsPart()).add(BigDecimal.valueOf(abs.toNanosPart(), 9))
                .stripTrailingZeros();
        return out.append(seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString())
                .append('s').toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
