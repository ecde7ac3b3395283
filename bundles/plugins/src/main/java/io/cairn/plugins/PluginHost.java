package io.cairn.plugins;

import java.util.List;

/**
 * The module system the plugins live in: the OSGi framework in an agent, a fake in tests.
 * Only bundles installed through it are plugins; the distribution's own bundles are never
 * listed, updated or removed.
 */
public interface PluginHost {

    List<Plugin> plugins();

    /** Installs a new plugin and starts it; on failure nothing stays installed. */
    Plugin install(String source, byte[] jar) throws PluginException;

    /** Replaces an installed plugin's code in place (same source) and starts it again. */
    Plugin update(long bundleId, byte[] jar) throws PluginException;

    /** Stops and removes a plugin; the services it registered (its check types) go with it. */
    void uninstall(long bundleId) throws PluginException;
}
