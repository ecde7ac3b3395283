package io.cairn.dns.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.cairn.api.catalog.Catalog;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AgentConfigService;
import io.cairn.dns.DnsListener;
import io.cairn.dns.DnsSettings;
import io.cairn.dns.QueryHandler;
import io.cairn.dns.UpstreamRecursor;

/**
 * The DNS interface in the container: serves on {@code addresses.dns}:{@code ports.dns} from
 * whichever {@link Catalog} is there (SERVFAIL while there is none, as on a client agent with
 * no catalog of its own), and follows config reloads.
 */
@Component(immediate = true)
public class DnsComponent {

    /** Upstream exchanges under way at once; more fail at once (SERVFAIL) rather than queue behind a slow recursor. */
    private static final int RECURSION_THREADS = 4;
    private static final int RECURSION_QUEUE = 256;

    @Reference
    private AgentConfigService config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Catalog catalog;

    private final ThreadPoolExecutor recursion = recursionPool();
    private final DnsListener listener = new DnsListener(settings -> new QueryHandler(settings,
            () -> Optional.ofNullable(catalog),
            new UpstreamRecursor(settings.recursors(), settings.config().recursorTimeout(), recursion),
            ThreadLocalRandom::current, Clock.systemUTC()));
    private final Consumer<AgentConfig> onReload = agent -> listener.apply(DnsSettings.of(agent));

    @Activate
    void activate() {
        config.addListener(onReload);
        listener.apply(DnsSettings.of(config.current()));
    }

    @Deactivate
    void deactivate() {
        config.removeListener(onReload);
        listener.close();
        recursion.shutdownNow();
    }

    private static ThreadPoolExecutor recursionPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(RECURSION_THREADS, RECURSION_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(RECURSION_QUEUE), r -> {
                    Thread thread = new Thread(r, "cairn-dns-recursor-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
