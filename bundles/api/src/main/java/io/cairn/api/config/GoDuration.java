package io.cairn.api.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's duration syntax, part of Consul's wire contract (config files, {@code ?wait}, session
 * TTLs, check intervals): {@code time.ParseDuration} in ({@code "10s"}, {@code "1m30s"},
 * {@code "1.5h"}, {@code "9.98s"}, {@code "-2ms"}, {@code "0"}), {@code Duration.String()}
 * out ({@code 10s}, {@code 1m30s}, {@code 24h0m0s}, {@code 1.5ms}). Pure parsing and formatting.
 *
 * @since 1.1
 */
public final class GoDuration {

    private static final Pattern TERM = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with Go's message, {@code time: invalid duration "x"} */
    public static Duration parse(String text) {
        boolean negative = text.startsWith("-");
        String rest = negative || text.startsWith("+") ? text.substring(1) : text;
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
        if (rest.isEmpty() || at != rest.length() || nanos.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        long whole = nanos.longValue();
        return Duration.ofNanos(negative ? -whole : whole);
    }

    /** Go's {@code Duration.String()}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        String sign = d.isNegative() ? "-" : "";
        Duration abs = d.abs();
        if (abs.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = abs.toNanos();
            String unit = nanos < 1_000 ? "ns" : nanos < 1_000_000 ? "\u00b5s" : "ms";
            return sign + decimal(nanos, NANOS.get(unit.equals("\u00b5s") ? "us" : unit)) + unit;
        }
        StringBuilder out = new StringBuilder(sign);
        long hours = abs.toHours();
        int minutes = abs.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(abs.toSecondsPart() * 1_000_000_000L + abs.toNanosPart(), 1_000_000_000L))
                .append('s').toString();
    }

    /** {@code nanos} in units of {@code unitNanos}, without trailing zeros. */
    private static String decimal(long nanos, long unitNanos) {
        BigDecimal value = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unitNanos)).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }
}
