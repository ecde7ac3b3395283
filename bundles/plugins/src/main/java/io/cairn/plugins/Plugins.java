package io.cairn.plugins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * Installing, listing and removing plugins, whatever asked for it (the HTTP API, the deploy
 * folder). A plugin is known by its bundle's symbolic name: installing one whose name is
 * already installed replaces it in place, so {@code cairn plugin install} of a new build
 * upgrades without a remove.
 */
public final class Plugins {

    private final PluginHost host;
    private final Path deployFolder;

    /** @param deployFolder where {@code deploy:} plugins' files live; removing such a plugin deletes its file */
    public Plugins(PluginHost host, Path deployFolder) {
        this.host = host;
        this.deployFolder = deployFolder;
    }

    public List<Plugin> list() {
        return host.plugins();
    }

    public Optional<Plugin> find(String name) {
        return host.plugins().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Installs (or replaces) the plugin in {@code jar}.
     *
     * @param source where it came from, shown in listings ({@code upload}, {@code mvn:...}, {@code deploy:x.jar})
     * @throws PluginException when the jar is not a bundle, or does not start
     */
    public Plugin install(String source, byte[] jar) throws PluginException {
        String name = symbolicName(jar);
        Optional<Plugin> installed = find(name);
        return installed.isPresent() ? host.update(installed.get().bundleId(), jar) : host.install(source, jar);
    }

    /** Removes the plugin of that name, and its file when it came from the deploy folder; empty if none. */
    public Optional<Plugin> remove(String name) throws PluginException {
        Optional<Plugin> plugin = find(name);
        if (plugin.isEmpty()) {
            return plugin;
        }
        host.uninstall(plugin.get().bundleId());
        if (plugin.get().source().startsWith(Plugin.deploySource(""))) {
            // else the folder would install it again at the next start
            try {
                Files.deleteIfExists(deployFolder.resolve(plugin.get().source().substring(Plugin.deploySource("").length())));
            } catch (IOException e) {
                throw new PluginException("Plugin " + name + " removed, but its file could not be deleted: " + e.getMessage(), e);
            }
        }
        return plugin;
    }

    /** The bundle's symbolic name from the jar's manifest, without its directives. */
    static String symbolicName(byte[] jar) throws PluginException {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            manifest = in.getManifest();
        } catch (IOException e) {
            throw new PluginException("Not a jar file: " + e.getMessage(), e);
        }
        String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (name == null || name.isBlank()) {
            throw new PluginException("Not an OSGi bundle: the jar's manifest has no Bundle-SymbolicName");
        }
        return name.split(";", 2)[0].trim();
    }
}
