package io.cairn.cli;

import java.util.Arrays;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cairn} command line. {@code cairn agent} runs an agent in this JVM (Karaf is
 * on the class path); every other command is a short-lived client of an agent's HTTP API.
 */
@Command(name = "cairn", mixinStandardHelpOptions = false,
        description = "Cairn: service discovery, health checking and KV, Consul-compatible.",
        subcommands = {
                VersionCommand.class,
                ValidateCommand.class,
                ReloadCommand.class,
                ServicesCommand.class, MaintCommand.class, EventCommand.class,
                TlsCommand.class,
                CatalogCommand.class,
                OperatorCommand.class,
                KvCommand.class, SnapshotCommand.class,
                MembersCommand.class, JoinCommand.class, LeaveCommand.class, ForceLeaveCommand.class, KeygenCommand.class,
                KeyringCommand.class,
                PluginCommand.class,
                ShellCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Cairn implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0 && args[0].equals("agent")) {
            // the agent takes Consul's flag grammar (-flag value, -flag=value), parsed by the config loader
            return AgentLauncher.run(Arrays.asList(args).subList(1, args.length));
        }
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Cairn())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUnmatchedOptionsArePositionalParams(false)
                // @file is Consul's "read this file" for kv put/import, not picocli's argument file
                .setExpandAtFiles(false)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof CliException) {
                        cmd.getErr().println(e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.err);
        System.err.println("\nCommands also: agent (run an agent; cairn agent -h for its flags)");
    }
}
