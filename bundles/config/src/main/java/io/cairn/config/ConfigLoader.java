package io.cairn.config;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.ConfigException;
import io.cairn.api.config.ServiceDefinition;

/**
 * Builds an agent's configuration the way Consul does: defaults, then ({@code -dev}) the dev
 * settings, then config files and directories in the order given, then flags. Blocks merge,
 * lists append, the later scalar wins. Plain Java: the CLI and the launcher use it without OSGi.
 */
public final class ConfigLoader {

    private static final ObjectNode DEFAULTS = ConfigFiles.resource("defaults.json");
    private static final ObjectNode DEV = ConfigFiles.resource("dev.json");

    private final RuntimeConfigBuilder builder;

    public ConfigLoader() {
        this(Environment.LOCAL);
    }

    public ConfigLoader(Environment environment) {
        this.builder = new RuntimeConfigBuilder(environment);
    }

    /**
     * The configuration for {@code cairn agent <agentArgs>}.
     *
     * @throws ConfigException with every problem found, flags and files alike
     */
    public LoadedConfig load(List<String> agentArgs) throws ConfigException {
        Problems problems = new Problems();
        AgentFlags.Parsed flags = AgentFlags.parse(agentArgs, problems);
        ObjectNode flagValues = ConfigFiles.checked(flags.values(), AgentFlags.SOURCE, problems);
        AgentConfig config = build(flags.dev(), flags.configPaths(), flagValues, problems);
        if (problems.hasErrors()) {
            throw new ConfigException(problems.errors());
        }
        return new LoadedConfig(config, problems.warnings(), flags.console());
    }

    /** What {@code cairn validate <file|dir>...} reports: the files as a non-dev agent would load them. */
    public ValidationResult validate(List<Path> paths) {
        Problems problems = new Problems();
        build(false, paths, Trees.object(), problems);
        return new ValidationResult(problems.errors(), problems.warnings());
    }

    /**
     * The services defined in these files or directories ({@code service}/{@code services} in
     * agent-config syntax, JSON or HCL), for {@code cairn services register|deregister}: the
     * files are checked as config files are, and nothing but their services is used.
     *
     * @throws ConfigException with every problem found in the files
     */
    public static List<ServiceDefinition> serviceDefinitions(List<Path> paths) throws ConfigException {
        Problems problems = new Problems();
        ObjectNode merged = Trees.object();
        for (Path file : ConfigFiles.expand(paths, problems)) {
            ObjectNode tree = ConfigFiles.read(file, problems);
            if (tree != null) {
                Trees.merge(merged, tree);
            }
        }
        if (problems.hasErrors()) {
            throw new ConfigException(problems.errors());
        }
        return RuntimeConfigBuilder.services(merged);
    }

    /** {@link #load} on this host. */
    public static LoadedConfig fromArgs(List<String> agentArgs) throws ConfigException {
        return new ConfigLoader().load(agentArgs);
    }

    /** {@link #validate} on this host. */
    public static ValidationResult validateFiles(List<Path> paths) {
        return new ConfigLoader().validate(paths);
    }

    /** The usage text of {@code cairn agent}, to print on a bad flag. */
    public static String usage() {
        return AgentFlags.usage();
    }

    private AgentConfig build(boolean dev, List<Path> configPaths, ObjectNode flagValues, Problems problems) {
        ObjectNode merged = DEFAULTS.deepCopy();
        if (dev) {
            Trees.merge(merged, DEV);
        }
        for (Path file : ConfigFiles.expand(configPaths, problems)) {
            ObjectNode tree = ConfigFiles.read(file, problems);
            if (tree != null) {
                Trees.merge(merged, tree);
            }
        }
        if (flagValues != null) {
            Trees.merge(merged, flagValues);
        }
        // rules between keys only make sense once every value is known to be well-typed
        return problems.hasErrors() ? null : builder.build(merged, dev, problems);
    }
}
