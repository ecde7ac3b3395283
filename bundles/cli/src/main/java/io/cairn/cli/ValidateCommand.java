package io.cairn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.cairn.config.ConfigLoader;
import io.cairn.config.ValidationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn validate <file|dir>...}: Consul's message when valid, every problem otherwise. */
@Command(name = "validate", description = "Validate agent configuration files and directories")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file|dir>")
    List<Path> paths;

    @Override
    public Integer call() {
        ValidationResult result = ConfigLoader.validateFiles(paths);
        result.warnings().forEach(w -> System.out.println("Warning: " + w));
        if (!result.valid()) {
            System.out.println("Config validation failed:");
            result.errors().forEach(e -> System.out.println("  " + e));
            return 1;
        }
        System.out.println("Configuration is valid!");
        return 0;
    }
}
