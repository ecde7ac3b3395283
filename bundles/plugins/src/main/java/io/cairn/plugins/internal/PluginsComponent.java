package io.cairn.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.config.AgentConfigService;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.plugins.DeployFolder;
import io.cairn.plugins.PluginRoutes;
import io.cairn.plugins.Plugins;

/**
 * Plugins in the running agent: the deploy folder {@code <data_dir>/plugins} scanned every
 * {@value #SCAN_SECONDS} s, and the {@code /v1/agent/plugins} routes.
 */
@Component(service = RouteProvider.class)
public class PluginsComponent implements RouteProvider {

    static final int SCAN_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PluginsComponent.class);

    private final List<Route> routes;
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "cairn-plugins-deploy");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public PluginsComponent(BundleContext context, @Reference AgentConfigService config) throws IOException {
        Path folder = Files.createDirectories(Path.of(config.current().dataDir(), "plugins"));
        Plugins plugins = new Plugins(new FrameworkPluginHost(context), folder);
        DeployFolder deploy = new DeployFolder(folder, plugins, LOG::info);
        routes = new PluginRoutes(plugins, PluginsComponent::fetch).routes();
        scanner.scheduleWithFixedDelay(deploy::scan, 0, SCAN_SECONDS, TimeUnit.SECONDS);
        LOG.info("Plugins: jars dropped into {} are installed", folder);
    }

    /** {@code mvn:} URLs resolve through Karaf's Maven handler (the distribution's repositories, then Central). */
    private static byte[] fetch(String source) throws IOException {
        try (InputStream in = new URL(source).openStream()) {
            return in.readAllBytes();
        }
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scanner.shutdownNow();
        scanner.awaitTermination(5, TimeUnit.SECONDS);
    }
}
