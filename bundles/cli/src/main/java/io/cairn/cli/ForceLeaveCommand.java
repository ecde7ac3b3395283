package io.cairn.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn force-leave <node>}: a failed member is marked left; {@code -prune} drops it from the list. */
@Command(name = "force-leave", description = "Forces a member of the cluster to enter the \"left\" state")
final class ForceLeaveCommand implements Callable<Integer> {

    @Mixin
    HttpOptions http;

    @Option(names = "-prune", description = "Remove agent forcibly from list of members")
    boolean prune;

    @Option(names = "-wan", description = "Exclusively leave the agent from the WAN serf pool")
    boolean wan;

    @Parameters(index = "0", paramLabel = "node")
    String node;

    @Override
    public Integer call() throws CliException {
        Map<String, String> query = new TreeMap<>();
        if (prune) {
            query.put("prune", "1");
        }
        if (wan) {
            query.put("wan", "1");
        }
        AgentClient.expectOk(http.client().put("/v1/agent/force-leave/" + node, query, null), "force leaving");
        return 0;
    }
}
