package io.cairn.plugins;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;

/**
 * Cairn's own endpoints for plugins (Consul has none):
 * <ul>
 * <li>{@code GET /v1/agent/plugins}: the installed plugins;
 * <li>{@code PUT /v1/agent/plugins/install}: the jar as the body, or {@code ?source=mvn:g/a/v}
 *     fetched by the agent; answers the plugin as installed;
 * <li>{@code PUT /v1/agent/plugins/remove/:name}: by symbolic name; 404 if unknown.
 * </ul>
 * Installing and removing run code in the agent, so they are taken only from the agent's own
 * host (a loopback address), as {@code cairn plugin} on that host sends them.
 */
public final class PluginRoutes {

    /** Fetches a {@code mvn:} (or other URL) source's bytes; in the agent, through the framework's URL handlers. */
    @FunctionalInterface
    public interface Fetcher {
        byte[] fetch(String source) throws IOException;
    }

    private final Plugins plugins;
    private final Fetcher fetcher;

    public PluginRoutes(Plugins plugins, Fetcher fetcher) {
        this.plugins = plugins;
        this.fetcher = fetcher;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/v1/agent/plugins", request -> HttpResponse.json(plugins.list()).completed()),
                Route.put("/v1/agent/plugins/install", request -> HttpResponse.json(install(request)).completed()),
                Route.put("/v1/agent/plugins/remove/", request -> HttpResponse.json(remove(request)).completed()));
    }

    private Plugin install(HttpRequest request) throws HttpException {
        fromThisHost(request);
        Optional<String> source = request.param("source").filter(s -> !s.isBlank());
        try {
            if (source.isPresent()) {
                byte[] jar;
                try {
                    jar = fetcher.fetch(source.get());
                } catch (IOException e) {
                    throw HttpException.badRequest("Could not fetch " + source.get() + ": " + e.getMessage());
                }
                return plugins.install(source.get(), jar);
            }
            if (request.body().length == 0) {
                throw HttpException.badRequest("Missing plugin: send the jar as the body or give ?source=mvn:...");
            }
            return plugins.install("upload", request.body());
        } catch (PluginException e) {
            throw HttpException.badRequest(e.getMessage());
        }
    }

    private Plugin remove(HttpRequest request) throws HttpException {
        fromThisHost(request);
        String name = request.suffix();
        try {
            return plugins.remove(name).orElseThrow(() -> HttpException.notFound("Unknown plugin \"" + name + "\""));
        } catch (PluginException e) {
            throw new HttpException(500, e.getMessage());
        }
    }

    private static void fromThisHost(HttpRequest request) throws HttpException {
        boolean local;
        try {
            local = InetAddress.getByName(request.remoteAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            local = false;
        }
        if (!local) {
            throw new HttpException(403, "Plugins are installed and removed only from the agent's own host");
        }
    }
}
