package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

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
}
