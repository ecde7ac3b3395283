package io.cairn.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @Test
    void parsesGoSyntax() {
        assertThat(GoDuration.parse("0")).isZero();
        assertThat(GoDuration.parse("10s")).hasSeconds(10);
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("9.98s")).isEqualTo(Duration.ofMillis(9980));
        assertThat(GoDuration.parse("15.0s")).hasSeconds(15);
        assertThat(GoDuration.parse(".5ms")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(GoDuration.parse("1us")).isEqualTo(GoDuration.parse("1\u00b5s")).isEqualTo(Duration.ofNanos(1000));
        assertThat(GoDuration.parse("-2ms")).isEqualTo(Duration.ofMillis(-2));
        assertThat(GoDuration.parse("+90m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void refusesWhatGoRefusesWithGosMessage() {
        for (String bad : new String[] {"", "10", "s", "1x", "1s ", "1..5s", "-", "99999999999h"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("time: invalid duration \"" + bad + "\"");
        }
    }

    @Test
    void formatsAsGosDurationString() {
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(GoDuration.format(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofHours(24))).isEqualTo("24h0m0s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(GoDuration.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThat(GoDuration.format(Duration.ofNanos(1_500))).isEqualTo("1.5\u00b5s");
        assertThat(GoDuration.format(Duration.ofNanos(7))).isEqualTo("7ns");
        assertThat(GoDuration.format(Duration.ofMillis(-2))).isEqualTo("-2ms");
        assertThat(GoDuration.format(Duration.ofSeconds(-61))).isEqualTo("-1m1s");
    }

    @Test
    void formatAndParseRoundTrip() {
        for (long nanos : new long[] {1, 999, 1_000, 123_456_789, 3_600_000_000_001L, -42_000_000_000L}) {
            Duration d = Duration.ofNanos(nanos);
            assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "10s, PT10S",
            "9.98s, PT9.98S",
            "15.0s, PT15S",
            "1m30s, PT1M30S",
            "1ms, PT0.001S",
            "90m, PT1H30M",
            "1h, PT1H",
            "2h45m10.5s, PT2H45M10.5S",
            "1.5h, PT1H30M",
            ".5s, PT0.5S",
            "1.s, PT1S",
            "300us, PT0.0003S",
            "300µs, PT0.0003S",
            "1ns, PT0.000000001S",
            "0, PT0S",
            "-1.5s, PT-1.5S",
            "+2s, PT2S"})
    void goDurations(String text, String expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1.2.3s", "10 s", "1d", "5S", "abc", "-", "1h-2m", "99999999999999h"})
    void notGoDurations(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(text))
                .withMessageContaining("invalid duration");
    }
}
