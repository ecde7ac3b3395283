package io.cairn.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn join <address>...}: asks the agent to join the pools of these agents. */
@Command(name = "join", description = "Tells a running agent to join the cluster by specifying at least one existing member")
final class JoinCommand implements Callable<Integer> {

    @Mixin
    HttpOptions http;

    @Option(names = "-wan", description = "Joins a server to another server in the WAN pool")
    boolean wan;

    @Parameters(arity = "1..*", paramLabel = "address")
    List<String> addresses;

    @Override
    public Integer call() throws CliException {
        AgentClient client = http.client();
        int joined = 0;
        for (String address : addresses) {
            AgentClient.Reply reply = client.put("/v1/agent/join/" + address, wan ? Map.of("wan", "1") : Map.of(), null);
            if (reply.ok()) {
                joined++;
            } else {
                System.err.println("Error joining address '" + address + "': Unexpected response code: "
                        + reply.status() + " (" + reply.body().trim() + ")");
            }
        }
        if (joined == 0) {
            throw new CliException("Failed to join any nodes.");
        }
        System.out.println("Successfully joined cluster by contacting " + joined + " nodes.");
        return 0;
    }
}
