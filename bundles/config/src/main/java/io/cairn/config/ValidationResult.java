package io.cairn.config;

import java.util.List;

/**
 * What {@code cairn validate} reports: every error (each naming the file, the key and what
 * is allowed) and every warning.
 */
public record ValidationResult(List<String> errors, List<String> warnings) {

    public ValidationResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
