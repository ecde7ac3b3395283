package io.cairn.cli;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn keyring -list|-list-primary|-install=<key>|-use=<key>|-remove=<key>}: the gossip
 * keyring of every member, through {@code /v1/operator/keyring}, with Consul's messages.
 */
@Command(name = "keyring", description = "Manages gossip layer encryption keys")
final class KeyringCommand implements Callable<Integer> {

    @Mixin
    HttpOptions http;

    @Option(names = "-list", description = "List all keys currently in use within the cluster")
    boolean list;

    @Option(names = "-list-primary", description = "List all primary keys currently in use within the cluster")
    boolean listPrimary;

    @Option(names = "-install", paramLabel = "<key>", description = "Install a new encryption key; it is broadcast to every member")
    String install;

    @Option(names = "-use", paramLabel = "<key>", description = "Change the primary encryption key, which is used to encrypt messages")
    String use;

    @Option(names = "-remove", paramLabel = "<key>", description = "Remove the given key from the cluster; the primary key cannot be removed")
    String remove;

    @Override
    public Integer call() throws CliException {
        int actions = (list ? 1 : 0) + (listPrimary ? 1 : 0) + count(install) + count(use) + count(remove);
        if (actions > 1) {
            System.err.println("Only a single action is allowed");
            return 1;
        }
        if (actions == 0) {
            System.err.println("Usage: cairn keyring [options]\n\n  Manages encryption keys used for gossip messages. Exactly one of\n"
                    + "  -list, -list-primary, -install, -use or -remove is required.");
            return 1;
        }
        AgentClient client = http.client();
        if (list || listPrimary) {
            System.out.println(list ? "==> Gathering installed encryption keys..." : "==> Gathering installed primary encryption keys...");
            AgentClient.Reply reply = client.get("/v1/operator/keyring", Map.of());
            if (!reply.ok()) {
                return error(reply);
            }
            try {
                System.out.println(format(reply.json(), listPrimary));
            } catch (java.io.IOException e) {
                throw new CliException("error: " + e.getMessage());
            }
            return 0;
        }
        String method;
        String key;
        if (install != null) {
            System.out.println("==> Installing new gossip encryption key...");
            method = "POST";
            key = install;
        } else if (use != null) {
            System.out.println("==> Changing primary gossip encryption key...");
            method = "PUT";
            key = use;
        } else {
            System.out.println("==> Removing gossip encryption key...");
            method = "DELETE";
            key = remove;
        }
        ObjectNode body = AgentClient.JSON.createObjectNode().put("Key", key);
        AgentClient.Reply reply = client.send(method, "/v1/operator/keyring", Map.of(),
                body.toString().getBytes(StandardCharsets.UTF_8));
        return reply.ok() ? 0 : error(reply);
    }

    private static int count(String option) {
        return option == null || option.isEmpty() ? 0 : 1;
    }

    private static int error(AgentClient.Reply reply) {
        System.err.println("error: Unexpected response code: " + reply.status() + " (" + reply.body().trim() + ")");
        return 1;
    }

    /** Consul's listing: per pool a blank line, {@code WAN:} or {@code dc1 (LAN):}, then {@code   <key> [n/total]}. */
    static String format(JsonNode responses, boolean primary) {
        StringBuilder out = new StringBuilder();
        for (JsonNode response : responses) {
            out.append('\n');
            out.append(response.path("WAN").asBoolean() ? "WAN" : response.path("Datacenter").asText() + " (LAN)");
            String segment = response.path("Segment").asText("");
            if (!segment.isEmpty()) {
                out.append(" [").append(segment).append(']');
            }
            out.append(":\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = response.path("Messages").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                out.append("  ===> ").append(m.getKey()).append(": ").append(m.getValue().asText()).append('\n');
            }
            int total = response.path("NumNodes").asInt();
            for (Iterator<Map.Entry<String, JsonNode>> it = response.path(primary ? "PrimaryKeys" : "Keys").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> k = it.next();
                out.append("  ").append(k.getKey()).append(" [").append(k.getValue().asInt()).append('/').append(total).append("]\n");
            }
        }
        return out.toString().stripTrailing();
    }
}
