package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoSyntaxTest {

    @ParameterizedTest
    @CsvSource({
            "1,true", "t,true", "T,true", "TRUE,true", "true,true", "True,true",
            "0,false", "f,false", "F,false", "FALSE,false", "false,false", "False,false"})
    void boolSpellingsOfGo(String text, boolean expected) {
        assertThat(GoSyntax.parseBool(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "no", "tRUE", "2", "on", " true"})
    void anythingElseIsNotABool(String text) {
        assertThat(GoSyntax.parseBool(text)).isEqualTo(Optional.empty());
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
        assertThat(GoSyntax.parseDuration(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "s", "1.2.3s", "10 s", "1d", "5S", "abc", "-", "1h-2m", "99999999999999h"})
    void notGoDurations(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> GoSyntax.parseDuration(text))
                .withMessageContaining("invalid duration");
    }
}
