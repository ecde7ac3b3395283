package io.cairn.springapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Shows over REST what the application sees through Spring Cloud Consul. */
@RestController
public class ProbeController {

    private final DiscoveryClient discoveryClient;
    private final CatalogWatchListener catalogWatch;
    private final GreetingProperties greeting;
    private final RefreshedGreeting refreshed;

    public ProbeController(DiscoveryClient discoveryClient, CatalogWatchListener catalogWatch,
            GreetingProperties greeting, RefreshedGreeting refreshed) {
        this.discoveryClient = discoveryClient;
        this.catalogWatch = catalogWatch;
        this.greeting = greeting;
        this.refreshed = refreshed;
    }

    /** {@code DiscoveryClient.getInstances(name)}, one object per instance. */
    @GetMapping("/probe/instances/{name}")
    public List<Map<String, Object>> instances(@PathVariable("name") String name) {
        return discoveryClient.getInstances(name).stream().map(ProbeController::describe).toList();
    }

    /** {@code DiscoveryClient.getServices()}. */
    @GetMapping("/probe/services")
    public List<String> services() {
        return discoveryClient.getServices();
    }

    /** What the catalog watch delivered. */
    @GetMapping("/probe/catalog-watch")
    public Map<String, Object> catalogWatch() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", catalogWatch.events());
        out.put("lastIndex", catalogWatch.lastIndex());
        out.put("lastChangeIndex", catalogWatch.lastChangeIndex());
        out.put("servicesAtLastChange", catalogWatch.servicesAtLastChange());
        return out;
    }

    /** The {@code greeting.*} values as the application's beans hold them now. */
    @GetMapping("/probe/config")
    public Map<String, Object> config() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", greeting.getMessage());
        out.put("target", greeting.getTarget());
        out.put("refreshScopeMessage", refreshed.message());
        return out;
    }

    private static Map<String, Object> describe(ServiceInstance instance) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("serviceId", instance.getServiceId());
        out.put("instanceId", instance.getInstanceId());
        out.put("host", instance.getHost());
        out.put("port", instance.getPort());
        out.put("metadata", instance.getMetadata());
        return out;
    }
}
