package io.cairn.checks;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * Consul's TCP check: passing when a connection to {@code TCP} ({@code host:port}) opens within
 * the timeout ({@code TCP connect host:port: Success}), critical otherwise with Go's wording
 * of why. Connects are asynchronous on one I/O thread, so thousands of checks hold no thread
 * while they wait; a connect still pending at the timeout is closed.
 */
public final class TcpCheckType implements CheckType, AutoCloseable {

    public static final String NAME = "tcp";

    private final AsynchronousChannelGroup group;
    private final ScheduledExecutorService timeouts;

    public TcpCheckType() throws IOException {
        group = AsynchronousChannelGroup.withFixedThreadPool(1, Threads.named("cairn-check-tcp"));
        timeouts = Executors.newSingleThreadScheduledExecutor(Threads.named("cairn-check-tcp-timeouts"));
    }

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        String address = check.tcp();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        AsynchronousSocketChannel channel;
        try {
            HostPort target = HostPort.parse(address);
            channel = AsynchronousSocketChannel.open(group);
            ScheduledFuture<?> timeout = timeouts.schedule(() -> Threads.closeQuietly(channel),
                    context.timeout().toMillis(), TimeUnit.MILLISECONDS);
            channel.connect(target.resolve(), null, new CompletionHandler<Void, Void>() {
                @Override
                public void completed(Void v, Void attachment) {
                    timeout.cancel(false);
                    Threads.closeQuietly(channel);
                    result.complete(CheckResult.passing("TCP connect " + address + ": Success"));
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    timeout.cancel(false);
                    Threads.closeQuietly(channel);
                    result.complete(CheckResult.critical(NetErrors.dial("tcp", address, failure)));
                }
            });
        } catch (IOException | RuntimeException e) {
            result.complete(CheckResult.critical(NetErrors.dial("tcp", address, e)));
        }
        return result;
    }

    @Override
    public void close() {
        timeouts.shutdownNow();
        group.shutdown();
    }
}
