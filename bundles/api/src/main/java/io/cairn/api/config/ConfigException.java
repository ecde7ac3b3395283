package io.cairn.api.config;

import java.util.List;

/** The configuration is not valid; {@link #problems()} names each file, key and what is allowed. */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
