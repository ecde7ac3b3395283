package io.cairn.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cairn leave}: the agent leaves its pools gracefully and shuts down. */
@Command(name = "leave", description = "Gracefully leaves the Cairn cluster and shuts down")
final class LeaveCommand implements Callable<Integer> {

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws CliException {
        AgentClient.expectOk(http.client().put("/v1/agent/leave", Map.of(), null), "leaving cluster");
        System.out.println("Graceful leave complete");
        return 0;
    }
}
