package io.cairn.checks;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLException;

import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.PingFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * Consul's H2PING check: opens an HTTP/2 connection to {@code H2PING} ({@code host:port}),
 * over TLS with ALPN {@code h2} unless {@code H2PingUseTLS} is false (then h2c with prior
 * knowledge), sends a PING frame and waits for its ACK within the timeout. Passing is
 * {@code HTTP2 ping was successful}; critical says why as Consul does ({@code Failed to dial
 * to <target>: ...}, {@code HTTP2 ping failed: ...}). A new connection per run, closed after.
 */
public final class H2PingCheckType implements CheckType {

    public static final String NAME = "h2ping";

    private final Http2Clients clients;

    public H2PingCheckType(Http2Clients clients) {
        this.clients = clients;
    }

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        String target = check.h2ping();
        Ping ping = new Ping(target, clients.scheduler(), context.timeout().toMillis());
        try {
            HostPort address = HostPort.parse(target);
            Optional<Http2Clients.TlsVariant> tls = Boolean.FALSE.equals(check.h2pingUseTls()) ? Optional.empty()
                    : Optional.of(new Http2Clients.TlsVariant(!check.tlsSkipVerify(),
                            Optional.ofNullable(check.tlsServerName()).filter(n -> !n.isEmpty())));
            ping.start();
            clients.connect(address, tls, ping, ping.connected());
        } catch (RuntimeException e) {
            ping.finish(CheckResult.critical("Failed to dial to " + target + ": " + NetErrors.dial("tcp", target, e)));
        }
        return ping.result;
    }

    /** One run: connect, ping, the first outcome wins. */
    private static final class Ping extends Http2Run {
        private final String target;
        private final long payload = ThreadLocalRandom.current().nextLong();

        Ping(String target, Scheduler scheduler, long timeoutMs) {
            super(scheduler, timeoutMs);
            this.target = target;
        }

        void start() {
            startTimer(() -> CheckResult.critical(connectedYet()
                    ? "HTTP2 ping failed: context deadline exceeded"
                    : "Failed to dial to " + target + ": dial tcp " + target + ": i/o timeout"));
        }

        @Override
        void opened(Session session) {
            session.ping(new PingFrame(payload, false), Callback.from(() -> { }, failure ->
                    finish(CheckResult.critical("HTTP2 ping failed: " + NetErrors.reason(failure)))));
        }

        @Override
        CheckResult dialFailed(Throwable failure) {
            return CheckResult.critical("Failed to dial to " + target + ": " + NetErrors.dial("tcp", target, failure));
        }

        @Override
        public void onPing(Session s, PingFrame frame) {
            if (frame.isReply() && frame.getPayloadAsLong() == payload) {
                finish(CheckResult.passing("HTTP2 ping was successful"));
            }
        }

        @Override
        public void onFailure(Session s, Throwable failure, Callback callback) {
            Throwable cause = NetErrors.unwrap(failure);
            if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
                finish(CheckResult.critical("Failed to dial to " + target + ": " + NetErrors.reason(cause)));
            } else {
                finish(CheckResult.critical("HTTP2 ping failed: " + NetErrors.reason(cause)));
            }
            callback.succeeded();
        }

        @Override
        public void onClose(Session s, GoAwayFrame frame, Callback callback) {
            finish(CheckResult.critical("HTTP2 ping failed: " + (frame == null ? "connection closed"
                    : "http2: server sent GOAWAY and closed the connection; ErrCode="
                            + ErrorCode.toString(frame.getError(), "UNKNOWN"))));
            callback.succeeded();
        }
    }
}
