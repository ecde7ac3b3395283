package io.cairn.config;

import java.util.List;

import io.cairn.api.config.AgentConfig;

/**
 * The configuration an agent starts with, the warnings to log (deprecated keys, skipped
 * files), and what the command line asks of the launcher itself.
 *
 * @param console {@code -console}: run Karaf's console in the terminal
 */
public record LoadedConfig(AgentConfig config, List<String> warnings, boolean console) {

    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
