package io.cairn.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.util.Callback;

/**
 * HTTP/1.1 connections, at most so many per client IP. Like Consul (go-connlimit), a
 * connection over the limit gets a bare 429 and is closed before any request is read.
 */
final class LimitedHttpConnectionFactory extends HttpConnectionFactory {

    private static final String REFUSAL_TEXT =
            "Your IP is issuing too many concurrent connections, please rate limit your calls\n";
    private static final byte[] REFUSAL = ("HTTP/1.1 429 Too Many Requests\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: " + REFUSAL_TEXT.length() + "\r\n"
            + "Connection: close\r\n\r\n" + REFUSAL_TEXT).getBytes(StandardCharsets.US_ASCII);

    private final ClientConnectionLimiter limiter;

    LimitedHttpConnectionFactory(HttpConfiguration configuration, ClientConnectionLimiter limiter) {
        super(configuration);
        this.limiter = limiter;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        String client = clientOf(endPoint.getRemoteSocketAddress());
        if (!limiter.tryAcquire(client)) {
            return new Refusal(endPoint, connector);
        }
        Connection connection = super.newConnection(connector, endPoint);
        connection.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection closed) {
                limiter.release(client);
            }
        });
        return connection;
    }

    private static String clientOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(address);
    }

    /** Writes the 429 and closes; reads nothing. */
    private static final class Refusal extends AbstractConnection {
        Refusal(EndPoint endPoint, Connector connector) {
            super(endPoint, connector.getExecutor());
        }

        @Override
        public void onOpen() {
            super.onOpen();
            EndPoint endPoint = getEndPoint();
            endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close()), ByteBuffer.wrap(REFUSAL));
        }

        @Override
        public void onFillable() {
            // never asked to read: the connection closes once the refusal is written
        }
    }
}
