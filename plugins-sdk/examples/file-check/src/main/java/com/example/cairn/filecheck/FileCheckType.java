package com.example.cairn.filecheck;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Component;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * Check type {@code file}: passing while the file named by the check's URL exists, critical
 * once it is gone. Register it like any Consul check, the URL's scheme naming the type:
 *
 * <pre>{"Name": "ready", "HTTP": "file:///run/app/ready", "Interval": "5s"}</pre>
 *
 * A stat of a local file answers at once, so {@link #run} completes its stage before it
 * returns; a type that waits on the network would complete it later instead.
 */
@Component(property = CheckType.TYPE_PROPERTY + "=" + FileCheckType.NAME)
public class FileCheckType implements CheckType {

    public static final String NAME = "file";

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        Path file;
        try {
            file = Path.of(URI.create(check.http()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(
                    CheckResult.critical("Not a file URL: " + check.http() + " (" + e.getMessage() + ")"));
        }
        return CompletableFuture.completedFuture(Files.exists(file)
                ? CheckResult.passing("File " + file + " exists")
                : CheckResult.critical("File " + file + " does not exist"));
    }
}
