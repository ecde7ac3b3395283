package io.cairn.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Consul writes and reads them in session bodies: Go's {@code time.ParseDuration}
 * grammar in, Go's {@code Duration.String()} out ({@code 15s}, {@code 1m30s}, {@code 24h0m0s}).
 */
final class GoDuration {

    private static final Pattern TERM = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with Go's message, {@code time: invalid duration "x"} */
    static Duration parse(String text) {
        String rest = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = TERM.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < rest.length() && m.find(at) && m.start() == at) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            at = m.end();
        }
        if (rest.isEmpty() || at != rest.length() || nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        long whole = nanos.longValue();
        return Duration.ofNanos(text.startsWith("-") ? -whole : whole);
    }

    /** Go's form of whole-second and longer durations, which is what session TTLs are. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        String seconds = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9))
                .stripTrailingZeros().toPlainString() + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }
}
