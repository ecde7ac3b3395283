package io.cairn.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn reload}: the agent re-reads its configuration files, as on SIGHUP. */
@Command(name = "reload", description = "Triggers the agent to reload configuration files")
final class ReloadCommand implements Callable<Integer> {

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws CliException {
        AgentClient.expectOk(http.client().put("/v1/agent/reload", Map.of(), null), "reloading");
        System.out.println("Configuration reload triggered");
        return 0;
    }
}
