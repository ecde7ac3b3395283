package io.cairn.http.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.cairn.api.config.AgentConfigService;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.metrics.Metrics;
import io.cairn.http.MetricsRegistry;
import io.cairn.http.MetricsRoutes;

/**
 * Publishes the agent's {@link Metrics} registry, which the other bundles feed, and
 * {@code /v1/agent/metrics}; feeds it the JVM's figures under Consul's {@code runtime.*}
 * names (threads stand for goroutines).
 */
@Component(immediate = true, service = {Metrics.class, RouteProvider.class})
public class MetricsComponent implements Metrics, RouteProvider {

    private final MetricsRegistry registry = new MetricsRegistry(Clock.systemUTC());
    private final MetricsRoutes routes;

    @Activate
    public MetricsComponent(@Reference AgentConfigService config) {
        routes = new MetricsRoutes(registry, config::current);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        registry.gauge("runtime.alloc_bytes", Map.of(), () -> memory.getHeapMemoryUsage().getUsed());
        registry.gauge("runtime.sys_bytes", Map.of(), () -> memory.getHeapMemoryUsage().getCommitted()
                + memory.getNonHeapMemoryUsage().getCommitted());
        registry.gauge("runtime.num_goroutines", Map.of(), threads::getThreadCount);
        registry.gauge("runtime.total_gc_runs", Map.of(),
                () -> collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum());
        registry.gauge("runtime.total_gc_pause_ns", Map.of(),
                () -> collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum() * 1_000_000.0);
    }

    @Override
    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public void increment(String name, double amount, Map<String, String> labels) {
        registry.increment(name, amount, labels);
    }

    @Override
    public void sample(String name, double value, Map<String, String> labels) {
        registry.sample(name, value, labels);
    }

    @Override
    public Registration gauge(String name, Map<String, String> labels, DoubleSupplier value) {
        return registry.gauge(name, labels, value);
    }
}
