package io.cairn.checks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import javax.net.ssl.SSLException;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Scheduler;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * Consul's gRPC check: {@code GRPC} is {@code host:port} or {@code host:port/service}; the check
 * calls {@code grpc.health.v1.Health/Check} with that service (empty: the server as a whole)
 * over HTTP/2, h2c with prior knowledge or TLS when {@code GRPCUseTLS} (the agent's TLS
 * settings, {@code TLSSkipVerify}, {@code TLSServerName}). {@code SERVING} is passing
 * ({@code gRPC check <target>: success}); any other status ({@code gRPC <target> serving
 * status: NOT_SERVING}) or error ({@code rpc error: code = NotFound desc = unknown service})
 * is critical, in grpc-go's words as Consul prints them. A new connection per run, closed
 * after, as Consul dials each time; the whole call is bounded by the check's timeout.
 */
public final class GrpcCheckType implements CheckType {

    public static final String NAME = "grpc";

    private final Http2Clients clients;

    public GrpcCheckType(Http2Clients clients) {
        this.clients = clients;
    }

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        String target = check.grpc();
        int slash = target.indexOf('/');
        String server = slash < 0 ? target : target.substring(0, slash);
        String service = slash < 0 ? "" : target.substring(slash + 1);
        Call call = new Call(target, service, check.grpcUseTls(), clients.scheduler(), context.timeout().toMillis());
        try {
            HostPort address = HostPort.parse(server);
            Optional<Http2Clients.TlsVariant> tls = check.grpcUseTls()
                    ? Optional.of(new Http2Clients.TlsVariant(!check.tlsSkipVerify(),
                            Optional.ofNullable(check.tlsServerName()).filter(n -> !n.isEmpty())))
                    : Optional.empty();
            call.start(address);
            clients.connect(address, tls, call, call.connected());
        } catch (RuntimeException e) {
            call.finish(CheckResult.critical(unavailable("connection error: desc = \"transport: Error while dialing: dial tcp "
                    + server + ": " + NetErrors.reason(e) + "\"")));
        }
        return call.result;
    }

    /** grpc-go's error text: {@code rpc error: code = Unavailable desc = ...}. */
    static String rpcError(String code, String description) {
        return "rpc error: code = " + code + " desc = " + description;
    }

    private static String unavailable(String description) {
        return rpcError("Unavailable", description);
    }

    /** grpc-go's names of the status codes. */
    static String codeName(int code) {
        return switch (code) {
            case 0 -> "OK";
            case 1 -> "Canceled";
            case 2 -> "Unknown";
            case 3 -> "InvalidArgument";
            case 4 -> "DeadlineExceeded";
            case 5 -> "NotFound";
            case 6 -> "AlreadyExists";
            case 7 -> "PermissionDenied";
            case 8 -> "ResourceExhausted";
            case 9 -> "FailedPrecondition";
            case 10 -> "Aborted";
            case 11 -> "OutOfRange";
            case 12 -> "Unimplemented";
            case 13 -> "Internal";
            case 14 -> "Unavailable";
            case 15 -> "DataLoss";
            case 16 -> "Unauthenticated";
            default -> "Code(" + code + ")";
        };
    }

    /** The gRPC code grpc-go gives an HTTP status other than 200. */
    private static String codeOfHttpStatus(int status) {
        return switch (status) {
            case 400 -> "Internal";
            case 401 -> "Unauthenticated";
            case 403 -> "PermissionDenied";
            case 404 -> "Unimplemented";
            case 429, 502, 503, 504 -> "Unavailable";
            default -> "Unknown";
        };
    }

    /** One run: the session, the call on it, and the result once, whichever comes first. */
    private static final class Call extends Http2Run implements Stream.Listener {
        private final String target;
        private final String service;
        private final boolean tls;
        private final GrpcHealthWire.Reader reader = new GrpcHealthWire.Reader();
        private volatile boolean headersSeen;
        private HostPort address;

        Call(String target, String service, boolean tls, Scheduler scheduler, long timeoutMs) {
            super(scheduler, timeoutMs);
            this.target = target;
            this.service = service;
            this.tls = tls;
        }

        void start(HostPort to) {
            address = to;
            startTimer(() -> CheckResult.critical(rpcError("DeadlineExceeded", "context deadline exceeded")));
        }

        @Override
        void opened(Session session) {
            call(session);
        }

        @Override
        CheckResult dialFailed(Throwable failure) {
            return CheckResult.critical(unavailable("connection error: desc = \"transport: Error while dialing: "
                    + NetErrors.dial("tcp", address.host() + ":" + address.port(), failure) + "\""));
        }

        private void call(Session opened) {
            HttpFields.Mutable fields = HttpFields.build()
                    .put("content-type", "application/grpc")
                    .put("te", "trailers")
                    .put("user-agent", "cairn-health-check")
                    .put("grpc-timeout", Math.max(1, timeoutMs) + "m");
            MetaData.Request request = new MetaData.Request("POST",
                    HttpURI.build().scheme(tls ? "https" : "http").host(address.host()).port(address.port())
                            .path(GrpcHealthWire.PATH),
                    HttpVersion.HTTP_2, fields);
            opened.newStream(new HeadersFrame(request, null, false), new Promise<>() {
                @Override
                public void succeeded(Stream stream) {
                    stream.data(new DataFrame(stream.getId(), GrpcHealthWire.request(service), true), Callback.NOOP);
                }

                @Override
                public void failed(Throwable failure) {
                    finish(CheckResult.critical(unavailable(NetErrors.reason(failure))));
                }
            }, this);
        }

        // ---- the stream

        @Override
        public void onHeaders(Stream stream, HeadersFrame frame) {
            MetaData metaData = frame.getMetaData();
            if (!headersSeen && metaData instanceof MetaData.Response response) {
                headersSeen = true;
                int status = response.getStatus();
                if (status != HttpStatus.OK_200) {
                    finish(CheckResult.critical(rpcError(codeOfHttpStatus(status),
                            "unexpected HTTP status code received from server: " + status + " ("
                                    + HttpStatus.getMessage(status) + ")")));
                    return;
                }
                String type = response.getHttpFields().get("content-type");
                if (type == null || !type.startsWith("application/grpc")) {
                    finish(CheckResult.critical(rpcError("Unknown",
                            "malformed header: missing HTTP content-type" + (type == null ? "" : " \"" + type + "\""))));
                    return;
                }
                if (response.getHttpFields().contains("grpc-status")) {
                    trailers(response.getHttpFields()); // trailers-only: an error without a message
                    return;
                }
                if (frame.isEndStream()) {
                    finish(CheckResult.critical(rpcError("Internal", "server closed the stream without sending trailers")));
                } else {
                    stream.demand();
                }
                return;
            }
            trailers(metaData.getHttpFields());
        }

        @Override
        public void onDataAvailable(Stream stream) {
            while (!finished()) {
                Stream.Data data = stream.readData();
                if (data == null) {
                    stream.demand();
                    return;
                }
                try {
                    reader.add(data.frame().getByteBuffer());
                } catch (IllegalArgumentException e) {
                    finish(CheckResult.critical(rpcError("Internal", e.getMessage())));
                    return;
                } finally {
                    data.release();
                }
                if (data.frame().isEndStream()) {
                    finish(CheckResult.critical(rpcError("Internal", "server closed the stream without sending trailers")));
                    return;
                }
            }
        }

        /** The call's end: {@code grpc-status} 0 and a SERVING answer, or why not. */
        private void trailers(HttpFields fields) {
            String status = fields == null ? null : fields.get("grpc-status");
            if (status == null) {
                finish(CheckResult.critical(rpcError("Internal", "server closed the stream without sending trailers")));
                return;
            }
            int code;
            try {
                code = Integer.parseInt(status.trim());
            } catch (NumberFormatException e) {
                finish(CheckResult.critical(rpcError("Unknown", "transport: malformed grpc-status: " + status)));
                return;
            }
            if (code != 0) {
                String message = fields.get("grpc-message");
                finish(CheckResult.critical(rpcError(codeName(code), message == null ? "" : decode(message))));
                return;
            }
            byte[] message = reader.message();
            if (message == null) {
                finish(CheckResult.critical(rpcError("Internal", "cardinality violation: expected <EOF> for non server-streaming RPCs, but received <EOF>")));
                return;
            }
            long serving;
            try {
                serving = GrpcHealthWire.responseStatus(message);
            } catch (IllegalArgumentException e) {
                finish(CheckResult.critical(rpcError("Internal", "grpc: failed to unmarshal the received message: " + e.getMessage())));
                return;
            }
            if (serving == GrpcHealthWire.SERVING) {
                finish(CheckResult.passing("gRPC check " + target + ": success"));
            } else {
                finish(CheckResult.critical("gRPC " + target + " serving status: " + GrpcHealthWire.statusName(serving)));
            }
        }

        /** grpc-message is percent-encoded (a {@code +} stays a plus). */
        private static String decode(String message) {
            try {
                return URLDecoder.decode(message.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return message;
            }
        }

        @Override
        public void onReset(Stream stream, ResetFrame frame, Callback callback) {
            finish(CheckResult.critical(rpcError("Internal", "stream terminated by RST_STREAM with error code: "
                    + ErrorCode.toString(frame.getError(), "UNKNOWN"))));
            callback.succeeded();
        }

        @Override
        public void onFailure(Stream stream, int error, String reason, Throwable failure, Callback callback) {
            finish(CheckResult.critical(rpcError("Unavailable", NetErrors.reason(failure))));
            callback.succeeded();
        }

        // ---- the session

        @Override
        public void onFailure(Session failed, Throwable failure, Callback callback) {
            Throwable cause = NetErrors.unwrap(failure);
            String why = cause instanceof SSLException || cause.getCause() instanceof SSLException
                    ? "transport: authentication handshake failed: " + NetErrors.reason(cause)
                    : "transport: " + NetErrors.reason(cause);
            finish(CheckResult.critical(unavailable("connection error: desc = \"" + why + "\"")));
            callback.succeeded();
        }

        @Override
        public void onGoAway(Session closing, GoAwayFrame frame) {
            if (!headersSeen) {
                finish(CheckResult.critical(unavailable("closing transport due to: connection error: desc = \"error "
                        + "reading from server: EOF\", received prior goaway: code: "
                        + ErrorCode.toString(frame.getError(), "UNKNOWN"))));
            }
        }

        @Override
        public void onClose(Session closed, GoAwayFrame frame, Callback callback) {
            finish(CheckResult.critical(unavailable("error reading from server: EOF")));
            callback.succeeded();
        }
    }
}
