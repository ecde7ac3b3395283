package io.cairn.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * Forwards a query to the {@code recursors} in order, each given {@code recursor_timeout},
 * over UDP and again over TCP when the UDP answer is truncated. An upstream answering
 * anything but NOERROR or NXDOMAIN is passed over for the next, as Consul does.
 */
public final class UpstreamRecursor implements Recursor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamRecursor.class);
    private static final int MAX_MESSAGE = 65_535;

    private final List<InetSocketAddress> upstreams;
    private final Duration timeout;
    private final Executor executor;

    /** @param executor runs the blocking exchanges; bounds how many are under way at once */
    public UpstreamRecursor(List<InetSocketAddress> upstreams, Duration timeout, Executor executor) {
        this.upstreams = List.copyOf(upstreams);
        this.timeout = timeout;
        this.executor = executor;
    }

    @Override
    public CompletionStage<Message> forward(Message query) {
        return CompletableFuture.supplyAsync(() -> firstUsable(query), executor);
    }

    private Message firstUsable(Message query) {
        byte[] wire = query.toWire();
        IOException last = new IOException("no recursors configured");
        for (InetSocketAddress upstream : upstreams) {
            try {
                Message answer = exchange(wire, upstream);
                if (answer.getRcode() == Rcode.NOERROR || answer.getRcode() == Rcode.NXDOMAIN) {
                    return answer;
                }
                last = new IOException(upstream + " answered " + Rcode.string(answer.getRcode()));
            } catch (IOException e) {
                last = e;
            }
            LOG.debug("Recursor {} failed for {}: {}", upstream, query.getQuestion(), last.getMessage());
        }
        throw new IllegalStateException("every recursor failed, last: " + last.getMessage(), last);
    }

    private Message exchange(byte[] query, InetSocketAddress upstream) throws IOException {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(millis);
            socket.connect(upstream);
            socket.send(new DatagramPacket(query, query.length));
            DatagramPacket packet = new DatagramPacket(new byte[MAX_MESSAGE], MAX_MESSAGE);
            socket.receive(packet);
            Message answer = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
            if (!answer.getHeader().getFlag(Flags.TC)) {
                return answer;
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(upstream, millis);
            socket.setSoTimeout(millis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            return new Message(answer);
        }
    }
}
