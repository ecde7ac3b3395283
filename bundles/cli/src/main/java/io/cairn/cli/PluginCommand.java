package io.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.cairn.format.Columns;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn plugin install|list|remove}: plugins (check types...) in a running agent, no
 * restart. Cairn's own commands over {@code /v1/agent/plugins}; the agent takes installs and
 * removals only from its own host.
 */
@Command(name = "plugin", description = "Installs, lists and removes plugins in a running agent",
        subcommands = {PluginCommand.Install.class, PluginCommand.ListPlugins.class, PluginCommand.Remove.class})
final class PluginCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
    }

    @Command(name = "install", description = "Installs a plugin from a bundle jar or mvn:group/artifact/version; "
            + "a plugin of the same name is replaced")
    static final class Install implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Parameters(paramLabel = "<jar|mvn:...>", description = "a bundle jar on this host, or a Maven URL the agent fetches")
        String source;

        @Override
        public Integer call() throws CliException {
            AgentClient.Reply reply;
            if (source.startsWith("mvn:")) {
                reply = http.client().put("/v1/agent/plugins/install", Map.of("source", source), null);
            } else {
                byte[] jar;
                try {
                    jar = Files.readAllBytes(Path.of(source));
                } catch (NoSuchFileException e) {
                    throw new CliException("Error reading " + source + ": no such file");
                } catch (IOException e) {
                    throw new CliException("Error reading " + source + ": " + e.getMessage());
                }
                reply = http.client().put("/v1/agent/plugins/install", Map.of(), jar);
            }
            JsonNode plugin = json(AgentClient.expectOk(reply, "installing plugin"));
            System.out.println("Installed plugin " + plugin.path("Name").asText() + " " + plugin.path("Version").asText());
            return 0;
        }
    }

    @Command(name = "list", description = "Lists the plugins installed in the agent")
    static final class ListPlugins implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Override
        public Integer call() throws CliException {
            JsonNode plugins = json(AgentClient.expectOk(http.client().get("/v1/agent/plugins", Map.of()), "listing plugins"));
            if (plugins.isEmpty()) {
                System.err.println("No plugins installed.");
                return 0;
            }
            System.out.print(pluginsTable(plugins));
            return 0;
        }
    }

    @Command(name = "remove", description = "Removes a plugin by name; its check types go with it")
    static final class Remove implements Callable<Integer> {
        @Mixin
        HttpOptions http;

        @Parameters(paramLabel = "<name>", description = "the plugin's name, as cairn plugin list shows it")
        String name;

        @Override
        public Integer call() throws CliException {
            AgentClient.expectOk(http.client().put("/v1/agent/plugins/remove/" + name, Map.of(), null), "removing plugin");
            System.out.println("Removed plugin " + name);
            return 0;
        }
    }

    private static JsonNode json(AgentClient.Reply reply) throws CliException {
        try {
            return reply.json();
        } catch (IOException e) {
            throw new CliException("Error decoding the agent's answer: " + e.getMessage());
        }
    }

    static String pluginsTable(JsonNode plugins) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Name", "Version", "State", "Check Types", "Source"));
        for (JsonNode p : plugins) {
            List<String> types = new ArrayList<>();
            p.path("CheckTypes").forEach(t -> types.add(t.asText()));
            rows.add(List.of(p.path("Name").asText(), p.path("Version").asText(), p.path("State").asText(),
                    types.isEmpty() ? "-" : String.join(",", types), p.path("Source").asText()));
        }
        return Columns.of(rows);
    }
}
