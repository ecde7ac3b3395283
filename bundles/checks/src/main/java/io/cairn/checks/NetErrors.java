package io.cairn.checks;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Network failures worded as Go's net package words them ({@code dial tcp 10.0.0.1:80:
 * connect: connection refused}), so check outputs read as Consul's do and scripts that grep
 * them keep working.
 */
final class NetErrors {

    private NetErrors() {
    }

    /** {@code dial <network> <address>: <reason>}. */
    static String dial(String network, String address, Throwable failure) {
        return "dial " + network + " " + address + ": " + reason(failure);
    }

    /** The reason alone: {@code connect: connection refused}, {@code i/o timeout}... */
    static String reason(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ConnectException || t instanceof PortUnreachableException) {
            return "connect: connection refused";
        }
        if (t instanceof NoRouteToHostException) {
            return "connect: no route to host";
        }
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                || t instanceof AsynchronousCloseException) {
            return "i/o timeout";
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
            return "no such host";
        }
        if (t instanceof ClosedChannelException || t instanceof java.io.EOFException) {
            // the peer closed the connection mid-exchange (Jetty's EofException is an EOFException)
            return "EOF";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
