package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PluginCommandTest {

    @Test
    void pluginsAreListedInColumns() throws Exception {
        String json = """
                [{"BundleID":49,"Name":"com.example.cairn.file-check","Version":"1.0.0","State":"active",
                  "Source":"upload","CheckTypes":["file"]},
                 {"BundleID":50,"Name":"x","Version":"2.1.0","State":"installed","Source":"deploy:x.jar","CheckTypes":[]}]
                """;
        assertThat(PluginCommand.pluginsTable(new ObjectMapper().readTree(json))).isEqualTo("""
                Name                          Version  State      Check Types  Source
                com.example.cairn.file-check  1.0.0    active     file         upload
                x                             2.1.0    installed  -            deploy:x.jar
                """);
    }
}
