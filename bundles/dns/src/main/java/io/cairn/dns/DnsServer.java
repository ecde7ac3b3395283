package io.cairn.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * DNS over UDP and TCP on one port of some addresses, answering with a {@link QueryHandler}
 * and a {@link ResponseFitter}. Threads are bounded: per address a few UDP readers and one TCP
 * acceptor, and one pool for TCP connections; UDP queries beyond {@link #MAX_UDP_IN_FLIGHT}
 * waiting on the catalog or recursors are dropped (the client retries), TCP connections beyond
 * the pool's queue are closed.
 */
public final class DnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    static final int UDP_READERS = 2;
    static final int MAX_UDP_IN_FLIGHT = 1024;
    static final int TCP_THREADS = 8;
    static final int TCP_QUEUE = 64;
    /** How long an idle TCP connection is kept open (RFC 7766 suggests seconds). */
    static final int TCP_IDLE_MILLIS = 10_000;
    private static final int HEADER_LENGTH = 12;

    private final List<String> hosts;
    private final int port;
    private final QueryHandler handler;
    private final ResponseFitter fitter;
    private final Semaphore udpInFlight = new Semaphore(MAX_UDP_IN_FLIGHT);
    private final List<DatagramChannel> udp = new ArrayList<>();
    private final List<ServerSocketChannel> tcp = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ThreadPoolExecutor tcpConnections;
    private volatile boolean open = true;

    public DnsServer(List<String> hosts, int port, QueryHandler handler, ResponseFitter fitter) {
        this.hosts = List.copyOf(hosts);
        this.port = port;
        this.handler = handler;
        this.fitter = fitter;
        AtomicInteger count = new AtomicInteger();
        this.tcpConnections = new ThreadPoolExecutor(TCP_THREADS, TCP_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(TCP_QUEUE), r -> daemon(r, "cairn-dns-tcp-" + count.incrementAndGet()));
        tcpConnections.allowCoreThreadTimeOut(true);
    }

    /** Binds every address over UDP and TCP; on any failure nothing stays bound. */
    public void start() throws IOException {
        try {
            for (String host : hosts) {
                InetSocketAddress address = new InetSocketAddress(host, port);
                DatagramChannel datagrams = DatagramChannel.open();
                udp.add(datagrams);
                datagrams.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
                datagrams.bind(address);
                ServerSocketChannel connections = ServerSocketChannel.open();
                tcp.add(connections);
                connections.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                // the same port for TCP as UDP got, also when the port asked for was 0
                connections.bind(new InetSocketAddress(address.getAddress(),
                        ((InetSocketAddress) datagrams.getLocalAddress()).getPort()));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        for (DatagramChannel datagrams : udp) {
            for (int i = 0; i < UDP_READERS; i++) {
                startThread(() -> readDatagrams(datagrams), "cairn-dns-udp-" + datagrams.socket().getLocalPort() + "-" + i);
            }
        }
        for (ServerSocketChannel connections : tcp) {
            startThread(() -> accept(connections), "cairn-dns-accept-" + connections.socket().getLocalPort());
        }
        LOG.info("DNS listening on {} port {} (UDP and TCP)", hosts, ports());
    }

    /** The ports bound, one per address. */
    public List<Integer> ports() {
        return udp.stream().map(c -> c.socket().getLocalPort()).toList();
    }

    public List<String> hosts() {
        return hosts;
    }

    public QueryHandler handler() {
        return handler;
    }

    private void readDatagrams(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(ResponseFitter.MAX_TCP_SIZE);
        while (open) {
            SocketAddress client;
            byte[] wire;
            try {
                buffer.clear();
                client = channel.receive(buffer);
                buffer.flip();
                wire = new byte[buffer.remaining()];
                buffer.get(wire);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("DNS UDP receive failed: {}", e.toString());
                continue;
            }
            if (!udpInFlight.tryAcquire()) {
                continue;
            }
            answer(wire, Transport.UDP).whenComplete((response, error) -> {
                try {
                    if (response != null) {
                        channel.send(ByteBuffer.wrap(response), client);
                    }
                } catch (IOException e) {
                    LOG.debug("DNS UDP send to {} failed: {}", client, e.toString());
                } finally {
                    udpInFlight.release();
                }
            });
        }
    }

    private void accept(ServerSocketChannel channel) {
        while (open) {
            Socket socket;
            try {
                socket = channel.accept().socket();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("DNS TCP accept failed: {}", e.toString());
                continue;
            }
            try {
                tcpConnections.execute(() -> serveConnection(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
            }
        }
    }

    /** Queries one after another on one connection, each answer written before the next query is read. */
    private void serveConnection(Socket socket) {
        try (socket) {
            socket.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            while (open) {
                byte[] wire = new byte[in.readUnsignedShort()];
                in.readFully(wire);
                byte[] response = answer(wire, Transport.TCP).toCompletableFuture().get();
                if (response != null) {
                    out.writeShort(response.length);
                    out.write(response);
                    out.flush();
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            // the client is done, or idle too long
        } catch (IOException e) {
            LOG.debug("DNS TCP connection failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("DNS TCP answer failed", e.getCause());
        }
    }

    /**
     * Parses, answers and fits one query: the bytes to send back, {@code null} when there is
     * nothing to answer (a response, or too short to be DNS).
     */
    private CompletionStage<byte[]> answer(byte[] wire, Transport transport) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(formatError(wire));
        }
        if (query.getHeader().getFlag(Flags.QR)) {
            return CompletableFuture.completedFuture(null);
        }
        return handler.answer(query).thenApply(response -> fitter.toWire(query, response, transport));
    }

    /** FORMERR for a query that does not parse, when at least its header does. */
    private static byte[] formatError(byte[] wire) {
        if (wire.length < HEADER_LENGTH) {
            return null;
        }
        try {
            Header header = new Header(Arrays.copyOf(wire, HEADER_LENGTH));
            Header reply = new Header(header.getID());
            reply.setFlag(Flags.QR);
            reply.setOpcode(header.getOpcode());
            reply.setRcode(Rcode.FORMERR);
            Message message = new Message();
            message.setHeader(reply);
            return message.toWire();
        } catch (IOException e) {
            return null;
        }
    }

    private void startThread(Runnable loop, String name) {
        Thread thread = daemon(loop, name);
        threads.add(thread);
        thread.start();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Frees the port and waits for every thread of this server to end. */
    @Override
    public void close() {
        open = false;
        udp.forEach(DnsServer::closeQuietly);
        tcp.forEach(DnsServer::closeQuietly);
        tcpConnections.shutdownNow();
        try {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            tcpConnections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("DNS close failed: {}", e.toString());
        }
    }
}
