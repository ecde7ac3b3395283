package io.cairn.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.format.RaftOutput;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn operator raft list-peers|remove-peer}: Consul's Raft operator commands, with Consul's output. */
@Command(name = "operator", description = "Provides cluster-level tools for Cairn operators",
        subcommands = OperatorCommand.Raft.class)
final class OperatorCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    @Command(name = "raft", description = "Provides tools for working with the Raft subsystem",
            subcommands = {ListPeers.class, RemovePeer.class})
    static final class Raft implements Runnable {
        @Override
        public void run() {
            CommandLine.usage(this, System.err);
        }
    }

    @Command(name = "list-peers", description = "Display the current Raft peer configuration")
    static final class ListPeers implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Option(names = "-stale", description = "Read the configuration from any server, not only the leader")
        boolean stale;

        @Override
        public Integer call() throws CliException {
            Map<String, String> query = stale ? Map.of("stale", "") : Map.of();
            AgentClient client = http.client();
            JsonNode configuration = json(AgentClient.expectOk(
                    client.get("/v1/operator/raft/configuration", query), "getting peers"));
            JsonNode health = json(AgentClient.expectOk(
                    client.get("/v1/operator/autopilot/health", query), "getting autopilot health"));
            System.out.print(RaftOutput.peersTable(peers(configuration, health)));
            return 0;
        }
    }

    @Command(name = "remove-peer", description = "Remove a Cairn server from the Raft configuration")
    static final class RemovePeer implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Option(names = "-address", description = "The address to remove from the Raft configuration")
        String address;

        @Option(names = "-id", description = "The ID to remove from the Raft configuration")
        String id;

        @Override
        public Integer call() throws CliException {
            if ((address == null) == (id == null)) {
                throw new CliException("Error removing peer: Must specify either -address or -id");
            }
            Map<String, String> query = address != null ? Map.of("address", address) : Map.of("id", id);
            AgentClient.expectOk(http.client().delete("/v1/operator/raft/peer", query), "removing peer");
            System.out.println(address != null
                    ? "Removed peer with address \"" + address + "\""
                    : "Removed peer with id \"" + id + "\"");
            return 0;
        }
    }

    private static JsonNode json(AgentClient.Reply reply) throws CliException {
        try {
            return reply.json();
        } catch (IOException e) {
            throw new CliException("Error reading the agent's answer: " + e.getMessage());
        }
    }

    /** The configuration's servers, each with the last index autopilot health reports for it. */
    static List<RaftOutput.Peer> peers(JsonNode configuration, JsonNode health) {
        Map<String, Long> lastIndex = new HashMap<>();
        for (JsonNode server : health.path("Servers")) {
            lastIndex.put(server.path("ID").asText(), server.path("LastIndex").asLong());
        }
        List<RaftOutput.Peer> peers = new ArrayList<>();
        for (JsonNode server : configuration.path("Servers")) {
            peers.add(new RaftOutput.Peer(server.path("Node").asText(), server.path("ID").asText(),
                    server.path("Address").asText(), server.path("Leader").asBoolean(), server.path("Voter").asBoolean(),
                    server.path("ProtocolVersion").asText(), lastIndex.getOrDefault(server.path("ID").asText(), 0L)));
        }
        return peers;
    }
}
