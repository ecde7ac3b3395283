package io.cairn.checks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * Consul's UDP check: sends a datagram to {@code UDP} ({@code host:port}) and listens. An
 * answer, or silence, is passing ({@code UDP connect host:port: Success}): UDP has no
 * handshake, so only the ICMP "port unreachable" a closed port sends back (seen as a refused
 * read on the connected socket) makes the check critical.
 *
 * <p>Consul listens until the check's timeout; here the runner cuts a check off at its timeout
 * as critical, so this one listens for {@link #LISTEN} at most (half the timeout when
 * shorter) — ICMP answers come back in a round trip, far within that.
 */
public final class UdpCheckType implements CheckType, AutoCloseable {

    public static final String NAME = "udp";
    static final Duration LISTEN = Duration.ofSeconds(1);
    private static final byte[] PAYLOAD = "cairn health check".getBytes(StandardCharsets.US_ASCII);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Threads.named("cairn-check-udp"));

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        String address = check.udp();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        try {
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.configureBlocking(false);
                channel.connect(HostPort.parse(address).resolve());
                channel.write(ByteBuffer.wrap(PAYLOAD));
            } catch (IOException | RuntimeException e) {
                Threads.closeQuietly(channel);
                throw e;
            }
            Duration half = context.timeout().dividedBy(2);
            Duration listen = half.compareTo(LISTEN) < 0 ? half : LISTEN;
            timer.schedule(() -> result.complete(listened(channel, address)), listen.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            result.complete(CheckResult.critical(NetErrors.dial("udp", address, e)));
        }
        return result;
    }

    private static CheckResult listened(DatagramChannel channel, String address) {
        try (channel) {
            channel.read(ByteBuffer.allocate(1));
            return CheckResult.passing("UDP connect " + address + ": Success");
        } catch (IOException e) {
            return CheckResult.critical("read udp " + address + ": " + NetErrors.reason(e));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
