package io.cairn.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The flags of {@code cairn agent}, in Go's grammar as Consul uses it: {@code -flag=value} or
 * {@code -flag value}, one or two dashes; a boolean flag takes no value or {@code =true}/{@code =false}.
 * Flags that set a config key become a tree under the source name {@value #SOURCE}, checked
 * like a file and merged last.
 */
public final class AgentFlags {

    static final String SOURCE = "command line";

    private enum Kind {
        /** a boolean config key */
        SWITCH,
        TEXT,
        INTEGER,
        /** repeatable; each use appends to a list key */
        REPEATED,
        /** repeatable {@code key:value}; fills a map key */
        KEY_VALUE,
        /** repeatable; a config file or directory */
        CONFIG_PATH,
        /** a boolean for the launcher, not a config key */
        LAUNCHER
    }

    private record Flag(String name, Kind kind, String key, String help) {
    }

    private static final List<Flag> FLAGS = List.of(
            new Flag("dev", Kind.LAUNCHER, null, "Development mode: a single in-memory server, nothing persisted."),
            new Flag("console", Kind.LAUNCHER, null, "Run with Karaf's console in the terminal."),
            new Flag("config-file", Kind.CONFIG_PATH, null, "A .json or .hcl config file to load. Repeatable."),
            new Flag("config-dir", Kind.CONFIG_PATH, null, "A directory of .json/.hcl files, loaded in alphabetical order. Repeatable."),
            new Flag("server", Kind.SWITCH, "server", "Run as a server."),
            new Flag("bootstrap", Kind.SWITCH, "bootstrap", "Elect this server leader on its own."),
            new Flag("bootstrap-expect", Kind.INTEGER, "bootstrap_expect", "Servers to wait for before bootstrapping Raft."),
            new Flag("node", Kind.TEXT, "node_name", "Name of this node. Default: the host name."),
            new Flag("node-id", Kind.TEXT, "node_id", "UUID of this node. Default: random, kept in the data dir."),
            new Flag("node-meta", Kind.KEY_VALUE, "node_meta", "key:value metadata of this node. Repeatable."),
            new Flag("datacenter", Kind.TEXT, "datacenter", "Datacenter of this agent. Default: dc1."),
            new Flag("domain", Kind.TEXT, "domain", "DNS domain. Default: consul."),
            new Flag("alt-domain", Kind.TEXT, "alt_domain", "Alternate DNS domain."),
            new Flag("bind", Kind.TEXT, "bind_addr", "Address for cluster communication. Default: 0.0.0.0."),
            new Flag("client", Kind.TEXT, "client_addr", "Address(es) for HTTP and DNS. Default: 127.0.0.1."),
            new Flag("advertise", Kind.TEXT, "advertise_addr", "Address advertised to other agents."),
            new Flag("advertise-wan", Kind.TEXT, "advertise_addr_wan", "Address advertised in the WAN pool."),
            new Flag("data-dir", Kind.TEXT, "data_dir", "Directory for the agent's state."),
            new Flag("retry-join", Kind.REPEATED, "retry_join", "Address of an agent to join, retried. Repeatable."),
            new Flag("join", Kind.REPEATED, "retry_join", "Deprecated: use -retry-join."),
            new Flag("retry-join-wan", Kind.REPEATED, "retry_join_wan", "Address of a WAN server to join. Repeatable."),
            new Flag("join-wan", Kind.REPEATED, "retry_join_wan", "Deprecated: use -retry-join-wan."),
            new Flag("retry-interval", Kind.TEXT, "retry_interval", "Time between join attempts. Default: 30s."),
            new Flag("retry-max", Kind.INTEGER, "retry_max", "Join attempts before giving up; 0 = forever."),
            new Flag("rejoin", Kind.SWITCH, "rejoin_after_leave", "Rejoin the cluster after a leave."),
            new Flag("encrypt", Kind.TEXT, "encrypt", "Gossip encryption key (base64)."),
            new Flag("log-level", Kind.TEXT, "log_level", "trace, debug, info, warn or err. Default: info."),
            new Flag("http-port", Kind.INTEGER, "ports.http", "HTTP API port. Default: 8500."),
            new Flag("https-port", Kind.INTEGER, "ports.https", "HTTPS API port. Default: -1 (off)."),
            new Flag("dns-port", Kind.INTEGER, "ports.dns", "DNS port. Default: 8600."),
            new Flag("grpc-port", Kind.INTEGER, "ports.grpc", "gRPC port. Default: -1 (off)."),
            new Flag("server-port", Kind.INTEGER, "ports.server", "Server RPC port. Default: 8300."),
            new Flag("serf-lan-port", Kind.INTEGER, "ports.serf_lan", "LAN gossip port. Default: 8301."),
            new Flag("serf-wan-port", Kind.INTEGER, "ports.serf_wan", "WAN gossip port. Default: 8302."),
            new Flag("raft-port", Kind.INTEGER, "ports.raft", "Raft replication port (Cairn). Default: 8303."),
            new Flag("shell-port", Kind.INTEGER, "ports.shell", "SSH console port on the client address (Cairn). Default: -1 (off)."),
            new Flag("recursor", Kind.REPEATED, "recursors", "Upstream DNS server. Repeatable."),
            new Flag("pid-file", Kind.TEXT, "pid_file", "File to write the agent's PID to."),
            new Flag("ui", Kind.SWITCH, "ui", "Serve the web UI."));

    private static final Map<String, Flag> BY_NAME = FLAGS.stream()
            .collect(Collectors.toMap(Flag::name, Function.identity()));

    /** What the command line says: config paths in order given, flag values as a config tree, launcher switches. */
    record Parsed(List<Path> configPaths, ObjectNode values, boolean dev, boolean console) {
    }

    private AgentFlags() {
    }

    /** The usage text of {@code cairn agent}, one line per flag. */
    public static String usage() {
        StringBuilder usage = new StringBuilder("Usage: cairn agent [options]\n\nOptions:\n");
        FLAGS.forEach(flag -> usage.append(String.format("  -%-18s %s%n",
                flag.name() + (valueLess(flag) ? "" : "=<value>"), flag.help())));
        return usage.toString();
    }

    static Parsed parse(List<String> args, Problems problems) {
        List<Path> configPaths = new ArrayList<>();
        ObjectNode values = Trees.object();
        boolean dev = false;
        boolean console = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                problems.error(SOURCE + ": unexpected argument \"" + arg + "\"; cairn agent takes flags only");
                continue;
            }
            String body = arg.substring(arg.startsWith("--") ? 2 : 1);
            int equals = body.indexOf('=');
            String name = equals < 0 ? body : body.substring(0, equals);
            Optional<String> inline = equals < 0 ? Optional.empty() : Optional.of(body.substring(equals + 1));
            Flag flag = BY_NAME.get(name);
            if (flag == null) {
                problems.error(SOURCE + ": -" + name + ": unknown flag");
                continue;
            }
            String value;
            if (valueLess(flag)) {
                value = inline.orElse("true");
                if (!value.equals("true") && !value.equals("false")) {
                    problems.error(SOURCE + ": -" + name + ": must be true or false, got \"" + value + "\"");
                    continue;
                }
            } else if (inline.isPresent()) {
                value = inline.get();
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                problems.error(SOURCE + ": -" + name + ": needs a value");
                continue;
            }
            if (name.equals("join") || name.equals("join-wan")) {
                problems.warning(SOURCE + ": -" + name + ": deprecated, use -retry-" + name + " instead (value applied)");
            }
            switch (flag.kind()) {
                case LAUNCHER -> {
                    dev = name.equals("dev") ? Boolean.parseBoolean(value) : dev;
                    console = name.equals("console") ? Boolean.parseBoolean(value) : console;
                }
                case CONFIG_PATH -> configPaths.add(Path.of(value));
                case SWITCH -> Trees.mergeAt(values, flag.key(), ValueType.NODES.booleanNode(Boolean.parseBoolean(value)));
                case TEXT -> Trees.mergeAt(values, flag.key(), ValueType.NODES.textNode(value));
                case REPEATED -> Trees.mergeAt(values, flag.key(), ValueType.NODES.arrayNode().add(value));
                case KEY_VALUE -> putKeyValue(values, flag, value, problems);
                case INTEGER -> integer(flag, value, problems).ifPresent(number -> Trees.mergeAt(values, flag.key(), number));
            }
        }
        return new Parsed(configPaths, values, dev, console);
    }

    private static boolean valueLess(Flag flag) {
        return flag.kind() == Kind.SWITCH || flag.kind() == Kind.LAUNCHER;
    }

    private static Optional<JsonNode> integer(Flag flag, String value, Problems problems) {
        try {
            return Optional.of(ValueType.NODES.numberNode(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            problems.error(SOURCE + ": -" + flag.name() + ": must be an integer, got \"" + value + "\"");
            return Optional.empty();
        }
    }

    private static void putKeyValue(ObjectNode values, Flag flag, String value, Problems problems) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            problems.error(SOURCE + ": -" + flag.name() + ": must be key:value, got \"" + value + "\"");
            return;
        }
        ObjectNode entry = Trees.object().put(value.substring(0, colon), value.substring(colon + 1));
        Trees.mergeAt(values, flag.key(), entry);
    }
}
