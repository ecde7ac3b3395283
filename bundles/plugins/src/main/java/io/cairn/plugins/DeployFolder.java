package io.cairn.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The agent's deploy folder ({@code <data_dir>/plugins}): a jar dropped in is installed, a
 * changed one replaces its plugin, a deleted one's plugin is removed. Per agent, not the
 * distribution's {@code deploy/}, because many agents run from one distribution.
 *
 * <p>{@link #scan()} is called periodically. A jar is taken only once it is the same size and
 * age on two scans in a row, so one still being copied in is not installed half-written; a
 * jar that fails is not retried until it changes.
 */
public final class DeployFolder {

    private record Stamp(long size, long modified) {
    }

    private final Path folder;
    private final Plugins plugins;
    private final Consumer<String> log;
    /** What each jar looked like at the previous scan. */
    private final Map<String, Stamp> previous = new HashMap<>();
    /** The stamp each jar was last installed (or refused) at. */
    private final Map<String, Stamp> handled = new HashMap<>();

    /** @param log told what was installed or removed, and what failed and why */
    public DeployFolder(Path folder, Plugins plugins, Consumer<String> log) {
        this.folder = folder;
        this.plugins = plugins;
        this.log = log;
    }

    public Path folder() {
        return folder;
    }

    public synchronized void scan() {
        Map<String, Stamp> now = jars();
        for (Map.Entry<String, Stamp> jar : now.entrySet()) {
            String file = jar.getKey();
            Stamp stamp = jar.getValue();
            if (stamp.equals(previous.get(file)) && !stamp.equals(handled.get(file))) {
                handled.put(file, stamp);
                install(file);
            }
        }
        previous.clear();
        previous.putAll(now);
        handled.keySet().retainAll(now.keySet());
        Set<String> present = new HashSet<>(now.keySet());
        for (Plugin plugin : plugins.list()) {
            String source = plugin.source();
            if (source.startsWith(Plugin.deploySource("")) && !present.contains(source.substring(Plugin.deploySource("").length()))) {
                try {
                    plugins.remove(plugin.name());
                    log.accept("Removed plugin " + plugin.name() + ": " + source + " left " + folder);
                } catch (PluginException e) {
                    log.accept("Could not remove plugin " + plugin.name() + ": " + e.getMessage());
                }
            }
        }
    }

    private void install(String file) {
        try {
            Plugin plugin = plugins.install(Plugin.deploySource(file), Files.readAllBytes(folder.resolve(file)));
            log.accept("Installed plugin " + plugin.name() + " " + plugin.version() + " from " + folder.resolve(file));
        } catch (IOException | PluginException e) {
            log.accept("Could not install " + folder.resolve(file) + ": " + e.getMessage());
        }
    }

    private Map<String, Stamp> jars() {
        Map<String, Stamp> jars = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return jars;
        }
        try (Stream<Path> listing = Files.list(folder)) {
            for (Path path : (Iterable<Path>) listing.filter(p -> p.getFileName().toString().endsWith(".jar"))::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                if (attributes.isRegularFile()) {
                    jars.put(path.getFileName().toString(),
                            new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis()));
                }
            }
        } catch (IOException e) {
            log.accept("Could not read the deploy folder " + folder + ": " + e.getMessage());
        }
        return jars;
    }
}
