package io.cairn.http;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Closes the connection of a parked request (a blocking query) whose client has gone. Jetty
 * reads nothing from an HTTP/1.1 connection while its request is being handled, so without
 * this a client's close is noticed only when the answer is written, up to the query's wait
 * (10 min) later: its socket stays open all that time (10,000 departed watchers ran an agent
 * out of file descriptors). The watch asks Jetty's selector for readability, which a parked
 * connection only gets from its client's FIN or reset, or from a pipelined next request; it
 * reads nothing: the kernel's count of bytes waiting tells the two apart, and a pipelined
 * request is left for Jetty to read once the parked one is answered.
 *
 * <p>{@link #stop} must run before the answer is written: Jetty aborts a connection that is
 * still read-interested when its response completes. Plain HTTP only; over TLS the close is
 * noticed at the answer, as before.
 */
final class ClientGoneWatch implements Callback {

    /** Why the read interest is withdrawn: one instance, its stack trace filled once (10,000 answers fill none). */
    private static final CancellationException ANSWERED = new CancellationException("answered");

    private final SocketChannelEndPoint endPoint;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ClientGoneWatch(SocketChannelEndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** Starts watching the connection of {@code request}; null when it cannot be watched (TLS). */
    static ClientGoneWatch start(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (!(endPoint instanceof SocketChannelEndPoint socket)) {
            return null;
        }
        ClientGoneWatch watch = new ClientGoneWatch(socket);
        watch.listen();
        return watch;
    }

    /** Stops watching, before the answer is written. */
    void stop() {
        if (stopped.compareAndSet(false, true) && endPoint.isFillInterested()) {
            endPoint.getFillInterest().onFail(ANSWERED);
        }
    }

    private void listen() {
        endPoint.tryFillInterested(this);
        if (stopped.get() && endPoint.isFillInterested()) {
            // stopped while registering: withdraw, the answer is on its way
            endPoint.getFillInterest().onFail(ANSWERED);
        }
    }

    @Override
    public void succeeded() {
        if (!stopped.get() && clientGone(endPoint.getChannel())) {
            endPoint.close();
        }
    }

    @Override
    public void failed(Throwable cause) {
        // an idle timeout fails the read interest but leaves a parked request be: keep watching
        if (cause instanceof TimeoutException && !stopped.get() && endPoint.isOpen()) {
            listen();
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** Readable with nothing to read: the client closed or reset its end. */
    static boolean clientGone(SocketChannel channel) {
        try {
            return channel.socket().getInputStream().available() == 0;
        } catch (IOException e) {
            return true;
        }
    }
}
