package io.cairn.plugins.internal;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

import io.cairn.api.check.CheckType;
import io.cairn.plugins.Plugin;
import io.cairn.plugins.PluginException;
import io.cairn.plugins.PluginHost;

/**
 * Plugins as bundles of the running OSGi framework. A plugin's bundle location is
 * {@value #PREFIX} and its source, which is how plugins are told from the distribution's
 * own bundles (those come from {@code mvn:} locations of the features).
 */
final class FrameworkPluginHost implements PluginHost {

    static final String PREFIX = "cairn-plugin:";

    private final BundleContext context;

    FrameworkPluginHost(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Plugin> plugins() {
        return Arrays.stream(context.getBundles()).filter(b -> b.getLocation().startsWith(PREFIX))
                .map(FrameworkPluginHost::plugin).toList();
    }

    @Override
    public Plugin install(String source, byte[] jar) throws PluginException {
        String location = PREFIX + source;
        Bundle stale = context.getBundle(location);
        if (stale != null) {
            // the same source now holds another bundle (a deploy file overwritten with another plugin)
            uninstall(stale.getBundleId());
        }
        Bundle bundle;
        try {
            bundle = context.installBundle(location, new ByteArrayInputStream(jar));
        } catch (BundleException e) {
            throw new PluginException("Could not install the plugin: " + e.getMessage(), e);
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            uninstall(bundle.getBundleId());
            throw new PluginException("Plugin " + bundle.getSymbolicName() + " could not start: " + e.getMessage(), e);
        }
        return plugin(bundle);
    }

    @Override
    public Plugin update(long bundleId, byte[] jar) throws PluginException {
        Bundle bundle = existing(bundleId);
        try {
            bundle.update(new ByteArrayInputStream(jar));
            refresh(bundle);
            bundle.start();
        } catch (BundleException e) {
            throw new PluginException("Plugin " + bundle.getSymbolicName() + " could not be updated: " + e.getMessage(), e);
        }
        return plugin(bundle);
    }

    @Override
    public void uninstall(long bundleId) throws PluginException {
        Bundle bundle = existing(bundleId);
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new PluginException("Plugin " + bundle.getSymbolicName() + " could not be removed: " + e.getMessage(), e);
        }
        refresh(bundle);
    }

    private Bundle existing(long bundleId) throws PluginException {
        Bundle bundle = context.getBundle(bundleId);
        if (bundle == null || !bundle.getLocation().startsWith(PREFIX)) {
            throw new PluginException("No plugin bundle " + bundleId);
        }
        return bundle;
    }

    /** Drops the old class loader of an updated or removed plugin, so its classes can be collected. */
    private void refresh(Bundle bundle) {
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle));
    }

    private static Plugin plugin(Bundle bundle) {
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        List<String> types = services == null ? List.of() : Arrays.stream(services)
                .map(s -> s.getProperty(CheckType.TYPE_PROPERTY)).filter(Objects::nonNull).map(String::valueOf)
                .sorted().toList();
        return new Plugin(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                state(bundle.getState()), bundle.getLocation().substring(PREFIX.length()), types);
    }

    private static String state(int state) {
        String name = switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
        return name.toLowerCase(Locale.ROOT);
    }
}
