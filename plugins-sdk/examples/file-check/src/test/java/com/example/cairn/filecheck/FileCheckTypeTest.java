package com.example.cairn.filecheck;

import static io.cairn.plugins.testkit.CheckDefinitions.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.plugins.testkit.CheckTypeConformance;

/** The SDK's conformance suite, plus what this type itself promises. */
class FileCheckTypeTest extends CheckTypeConformance {

    @TempDir
    Path dir;

    @Override
    protected CheckType type() {
        return new FileCheckType();
    }

    @Override
    protected CheckDefinition passing() throws Exception {
        Path ready = dir.resolve("ready");
        if (!Files.exists(ready)) {
            Files.createFile(ready);
        }
        return check("ready").http(ready.toUri().toString()).build();
    }

    @Override
    protected CheckDefinition failing() {
        return check("ready").http(dir.resolve("missing").toUri().toString()).build();
    }

    @Override
    protected Optional<CheckDefinition> malformed() {
        return Optional.of(check("ready").http("file://host/only-local-files").build());
    }

    @Test
    void passesWhileTheFileExistsAndFailsOnceItIsGone() throws Exception {
        CheckDefinition check = passing();
        Path file = dir.resolve("ready");
        assertEquals(CheckResult.passing("File " + file + " exists"), runToEnd(check));
        Files.delete(file);
        assertEquals(CheckResult.critical("File " + file + " does not exist"), runToEnd(check));
    }
}
