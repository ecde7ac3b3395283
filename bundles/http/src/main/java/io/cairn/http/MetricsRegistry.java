package io.cairn.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import io.cairn.api.metrics.Metrics;

/**
 * The agent's metrics in memory: counters and samples aggregated since the agent started,
 * gauges read when shown. {@link #summary} gives go-metrics' {@code MetricsSummary} (what
 * Consul's {@code /v1/agent/metrics} answers), {@link #prometheus} the Prometheus text
 * exposition format (0.0.4).
 *
 * <p>Unlike go-metrics' in-memory sink, which shows the last 10-second interval, counters and
 * samples here are totals since start (what Prometheus expects of them anyway); {@code Rate}
 * is the sum per second over that time.
 */
public final class MetricsRegistry implements Metrics {

    /** go-metrics' {@code GaugeValue}. */
    public record GaugeValue(String name, double value, Map<String, String> labels) {
    }

    /** go-metrics' {@code PointValue}. */
    public record PointValue(String name, List<Double> points) {
    }

    /** go-metrics' {@code SampledValue}, for counters and samples alike. */
    public record SampledValue(String name, long count, double rate, double sum, double min, double max,
                               double mean, double stddev, Map<String, String> labels) {
    }

    /** go-metrics' {@code MetricsSummary}. */
    public record Summary(String timestamp, List<GaugeValue> gauges, List<PointValue> points,
                          List<SampledValue> counters, List<SampledValue> samples) {
    }

    /** Go's {@code time.Time.String()} in UTC, as go-metrics writes the interval's start. */
    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'").withZone(ZoneOffset.UTC);
    /** go-metrics' in-memory interval, to which the timestamp is truncated. */
    private static final long INTERVAL_SECONDS = 10;

    private record Key(String name, Map<String, String> labels) {
        Key {
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }
    }

    /** Count, sum, min, max and sum of squares of what was observed. */
    private static final class Aggregate {
        private long count;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sumOfSquares;

        synchronized void add(double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sumOfSquares += value * value;
        }

        synchronized SampledValue value(String name, Map<String, String> labels, double seconds) {
            double mean = count == 0 ? 0 : sum / count;
            double variance = count < 2 ? 0 : Math.max(0, (sumOfSquares - sum * sum / count) / (count - 1));
            return new SampledValue(name, count, seconds > 0 ? sum / seconds : sum, sum,
                    count == 0 ? 0 : min, count == 0 ? 0 : max, mean, Math.sqrt(variance), labels);
        }
    }

    private final Clock clock;
    private final Instant started;
    private final Map<Key, Aggregate> counters = new ConcurrentHashMap<>();
    private final Map<Key, Aggregate> samples = new ConcurrentHashMap<>();
    private final Map<Key, DoubleSupplier> gauges = new ConcurrentHashMap<>();

    public MetricsRegistry(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void increment(String name, double amount, Map<String, String> labels) {
        counters.computeIfAbsent(new Key(name, labels), k -> new Aggregate()).add(amount);
    }

    @Override
    public void sample(String name, double value, Map<String, String> labels) {
        samples.computeIfAbsent(new Key(name, labels), k -> new Aggregate()).add(value);
    }

    @Override
    public Registration gauge(String name, Map<String, String> labels, DoubleSupplier value) {
        Key key = new Key(name, labels);
        gauges.put(key, value);
        return () -> gauges.remove(key, value);
    }

    /** Everything now, names prefixed with {@code prefix} (Consul's {@code telemetry.metrics_prefix}). */
    public Summary summary(String prefix) {
        Instant now = clock.instant();
        double seconds = Duration.between(started, now).toMillis() / 1000.0;
        List<GaugeValue> gaugeValues = new ArrayList<>();
        gauges.forEach((key, supplier) -> read(supplier).ifPresent(v ->
                gaugeValues.add(new GaugeValue(name(prefix, key.name()), v, sorted(key.labels())))));
        gaugeValues.sort(Comparator.comparing(GaugeValue::name).thenComparing(g -> g.labels().toString()));
        Instant interval = Instant.ofEpochSecond(now.getEpochSecond() - now.getEpochSecond() % INTERVAL_SECONDS);
        return new Summary(GO_TIME.format(interval), gaugeValues, List.of(), values(prefix, counters, seconds),
                values(prefix, samples, seconds));
    }

    /** The same in Prometheus' text format: gauges, counters, samples as summaries (sum and count). */
    public String prometheus(String prefix) {
        Summary summary = summary(prefix);
        StringBuilder out = new StringBuilder();
        String[] last = {null};
        for (GaugeValue g : summary.gauges()) {
            String name = promName(g.name());
            header(out, last, name, "gauge");
            line(out, name, g.labels(), g.value());
        }
        for (SampledValue c : summary.counters()) {
            String name = promName(c.name());
            header(out, last, name, "counter");
            line(out, name, c.labels(), c.sum());
        }
        for (SampledValue s : summary.samples()) {
            String name = promName(s.name());
            header(out, last, name, "summary");
            line(out, name + "_sum", s.labels(), s.sum());
            line(out, name + "_count", s.labels(), s.count());
        }
        return out.toString();
    }

    private static List<SampledValue> values(String prefix, Map<Key, Aggregate> aggregates, double seconds) {
        List<SampledValue> values = new ArrayList<>();
        aggregates.forEach((key, a) -> values.add(a.value(name(prefix, key.name()), sorted(key.labels()), seconds)));
        values.sort(Comparator.comparing(SampledValue::name).thenComparing(v -> v.labels().toString()));
        return values;
    }

    /** A gauge that fails to read (its bundle is stopping) is left out, not the whole answer. */
    private static java.util.Optional<Double> read(DoubleSupplier supplier) {
        try {
            double v = supplier.getAsDouble();
            return Double.isNaN(v) ? java.util.Optional.empty() : java.util.Optional.of(v);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String name(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        return new TreeMap<>(labels);
    }

    private static void header(StringBuilder out, String[] last, String name, String type) {
        if (!name.equals(last[0])) {
            out.append("# HELP ").append(name).append(' ').append(name).append('\n');
            out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
            last[0] = name;
        }
    }

    private static void line(StringBuilder out, String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(promName(label.getKey())).append("=\"").append(escape(label.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    /** Prometheus names allow [a-zA-Z0-9_:]; dots and everything else become underscores, as Consul's sink does. */
    static String promName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                    || c >= '0' && c <= '9' && i > 0;
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
