package io.cairn.plugins;

import java.util.ArrayList;
import java.util.List;

/** Bundles in a list: install, update in place, uninstall; "bad" jars fail to start. */
final class FakeHost implements PluginHost {

    final List<Plugin> installed = new ArrayList<>();
    int updates;
    private long nextId = 100;

    @Override
    public synchronized List<Plugin> plugins() {
        return List.copyOf(installed);
    }

    @Override
    public synchronized Plugin install(String source, byte[] jar) throws PluginException {
        String name = Plugins.symbolicName(jar);
        if (name.startsWith("bad")) {
            throw new PluginException("Plugin " + name + " could not start: missing requirement");
        }
        Plugin plugin = new Plugin(nextId++, name, "1.0.0", "active", source, List.of());
        installed.add(plugin);
        return plugin;
    }

    @Override
    public synchronized Plugin update(long bundleId, byte[] jar) {
        updates++;
        return installed.stream().filter(p -> p.bundleId() == bundleId).findFirst().orElseThrow();
    }

    @Override
    public synchronized void uninstall(long bundleId) {
        installed.removeIf(p -> p.bundleId() == bundleId);
    }
}
