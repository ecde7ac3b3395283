import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under {@code watchers_bench.sh} on this machine: the least any HTTP server must do to
 * wake N parked watchers. Plain NIO, one selector thread per core, no framework: a GET without
 * {@code index=} is answered at once, one with it parks, a PUT (the write) is acknowledged and then
 * every parked watcher gets the same pre-encoded answer (headers and an ~8 KB body, as the agent's),
 * each selector writing to its own watchers. {@code WatchersBench} runs against it unchanged.
 *
 * <p>usage: {@code java WakeFloor.java ADDRESS} (port 8500), then {@code WatchersBench ADDRESS web N ...}
 */
public class WakeFloor {

    private static final AtomicLong INDEX = new AtomicLong(10);
    private static final byte[] BODY = ("[" + "{\"Node\":{\"Node\":\"n\",\"Address\":\"10.0.0.1\"},\"Service\":{\"ID\":\"web\"}},"
            .repeat(100) + "{}]").getBytes(StandardCharsets.US_ASCII);
    private static volatile ByteBuffer answer = answer(INDEX.get());

    public static void main(String[] args) throws IOException {
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            Worker worker = new Worker(workers);
            workers.add(worker);
            new Thread(worker, "floor-" + i).start();
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(args[0], 8500), 1024);
        System.out.println("floor listening on " + args[0] + ":8500 with " + cores + " selectors");
        for (int next = 0; ; next = (next + 1) % workers.size()) {
            SocketChannel channel = server.accept();
            workers.get(next).adopt(channel);
        }
    }

    private static ByteBuffer answer(long index) {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Consul-Index: " + index
                + "\r\nX-Consul-KnownLeader: true\r\nX-Consul-LastContact: 0\r\nContent-Length: " + BODY.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocateDirect(headBytes.length + BODY.length);
        buffer.put(headBytes).put(BODY).flip();
        return buffer.asReadOnlyBuffer();
    }

    private static final class Worker implements Runnable {
        private final Selector selector;
        private final List<Worker> all;
        private final Queue<SocketChannel> adopted = new ConcurrentLinkedQueue<>();
        private final List<SocketChannel> parked = new ArrayList<>();
        private volatile boolean wake;
        private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);

        Worker(List<Worker> all) throws IOException {
            this.selector = Selector.open();
            this.all = all;
        }

        void adopt(SocketChannel channel) {
            adopted.add(channel);
            selector.wakeup();
        }

        void wakeWatchers() {
            wake = true;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    selector.select();
                    for (SocketChannel channel; (channel = adopted.poll()) != null; ) {
                        channel.configureBlocking(false);
                        channel.register(selector, SelectionKey.OP_READ);
                    }
                    if (wake) {
                        wake = false;
                        ByteBuffer current = answer;
                        for (SocketChannel channel : parked) {
                            write(channel, current.duplicate());
                        }
                        parked.clear();
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        read((SocketChannel) key.channel(), key);
                    }
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }

        private void read(SocketChannel channel, SelectionKey key) throws IOException {
            in.clear();
            int n;
            try {
                n = channel.read(in);
            } catch (IOException gone) {
                n = -1;
            }
            if (n < 0) {
                key.cancel();
                channel.close();
                return;
            }
            String request = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            if (request.startsWith("PUT ")) {
                INDEX.incrementAndGet();
                answer = answer(INDEX.get());
                byte[] ack = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\ntrue"
                        .getBytes(StandardCharsets.US_ASCII);
                write(channel, ByteBuffer.wrap(ack));
                all.forEach(Worker::wakeWatchers);
            } else if (request.contains("index=")) {
                parked.add(channel);
            } else if (request.startsWith("GET ")) {
                write(channel, answer.duplicate());
            }
        }

        /** The answer fits the socket's send buffer: one write, as for a parked watcher on the agent. */
        private static void write(SocketChannel channel, ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    Thread.onSpinWait();
                }
            }
        }
    }
}
