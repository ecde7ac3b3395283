package io.cairn.springapp;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What an application does with Spring Cloud Consul's catalog watch (a gateway refreshing its
 * routes, say): on each {@link HeartbeatEvent} it notes the catalog index the watch carried
 * and reads the services through the {@link DiscoveryClient}.
 */
@Component
public class CatalogWatchListener {

    private final DiscoveryClient discoveryClient;
    private final AtomicLong events = new AtomicLong();
    private final AtomicReference<Object> lastIndex = new AtomicReference<>();
    private final AtomicReference<List<String>> servicesAtLastChange = new AtomicReference<>(List.of());
    private final AtomicReference<Object> lastChangeIndex = new AtomicReference<>();

    public CatalogWatchListener(DiscoveryClient discoveryClient) {
        this.discoveryClient = discoveryClient;
    }

    @EventListener
    public void onHeartbeat(HeartbeatEvent event) {
        events.incrementAndGet();
        Object index = event.getValue();
        Object previous = lastIndex.getAndSet(index);
        if (index != null && !index.equals(previous)) {
            servicesAtLastChange.set(discoveryClient.getServices());
            lastChangeIndex.set(index);
        }
    }

    long events() {
        return events.get();
    }

    Object lastIndex() {
        return lastIndex.get();
    }

    Object lastChangeIndex() {
        return lastChangeIndex.get();
    }

    List<String> servicesAtLastChange() {
        return servicesAtLastChange.get();
    }
}
