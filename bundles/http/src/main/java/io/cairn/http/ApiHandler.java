package io.cairn.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryOptions;

/**
 * Serves every request from the current {@link RouteTable}: route, read the body (bounded),
 * parse the common options, call the handler and write its answer when its stage completes.
 * No thread waits for a handler: Jetty's callback is completed from the stage. A route that
 * may block is served on Jetty's pool; one that answers at once on the thread that read it.
 */
public final class ApiHandler extends Handler.Abstract.NonBlocking {

    private final RouteRegistry routes;
    private final QueryOptionsParser optionsParser;
    private final JsonCodec json;
    private final ResponseEncoder encoder;
    private final long maxBodyBytes;
    private final ClientCertificateGate gate;

    public ApiHandler(RouteRegistry routes, QueryOptionsParser optionsParser, JsonCodec json, long maxBodyBytes) {
        this(routes, optionsParser, json, maxBodyBytes, ClientCertificateGate.none());
    }

    /** @param gate refuses requests of peers without a certificate where the TLS context only wants one */
    public ApiHandler(RouteRegistry routes, QueryOptionsParser optionsParser, JsonCodec json, long maxBodyBytes,
                      ClientCertificateGate gate) {
        this.gate = gate;
        this.routes = routes;
        this.optionsParser = optionsParser;
        this.json = json;
        this.encoder = new ResponseEncoder(json);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        if (!gate.admits(rawPath, hasPeerCertificate(request))) {
            send(ResponseEncoder.text(403, ClientCertificateGate.REFUSAL), response, callback);
            return true;
        }
        RouteTable.Match match = routes.table().find(method, rawPath);
        if (match instanceof RouteTable.Found found && found.route().mayBlock()) {
            request.getComponents().getExecutor().execute(() -> serve(found, request, response, callback, method + " " + rawPath));
        } else if (match instanceof RouteTable.Found found) {
            serve(found, request, response, callback, method + " " + rawPath);
        } else if (match instanceof RouteTable.MethodNotAllowed notAllowed) {
            send(ResponseEncoder.text(405, "method " + method + " not allowed",
                    Map.of("Allow", String.join(",", notAllowed.route().methods()))), response, callback);
        } else {
            // Consul answers unknown paths with an empty 404
            send(ResponseEncoder.text(404, ""), response, callback);
        }
        return true;
    }

    /** Whether the connection's TLS peer presented a certificate (the handshake verified it). */
    static boolean hasPeerCertificate(Request request) {
        return request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
                && ssl.peerCertificates() != null && ssl.peerCertificates().length > 0;
    }

    /** Reads the body within the bound, then answers from the handler's stage. */
    private void serve(RouteTable.Found found, Request request, Response response, Callback callback,
                       String description) {
        long declaredLength = request.getLength();
        if (declaredLength > maxBodyBytes) {
            send(tooLarge(declaredLength), response, callback);
            return;
        }
        Content.Source.asByteArrayAsync(request, (int) maxBodyBytes).whenComplete((body, readFailure) -> {
            if (readFailure != null) {
                // a chunked body that outgrew the bound (or a client gone, who reads no answer)
                send(tooLarge(-1), response, callback);
                return;
            }
            String cacheKey = "GET".equals(request.getMethod())
                    ? cacheKey(request.getHttpURI().getPath(), request.getHttpURI().getQuery()) : null;
            boolean gzip = acceptsGzip(request.getHeaders().getValuesList(HttpHeader.ACCEPT_ENCODING));
            RouteRequest routeRequest;
            try {
                routeRequest = routeRequest(found, request, body);
            } catch (HttpException | RuntimeException e) {
                send(encoder.failure(e, description), response, callback);
                return;
            }
            CompletionStage<HttpResponse> answering = answer(found, routeRequest, description);
            // parked (a blocking query): close the connection if its client leaves before the answer;
            // other answers that take a while (a write awaiting its commit) come within seconds
            ClientGoneWatch departure = routeRequest.options().blocking() && !answering.toCompletableFuture().isDone()
                    ? ClientGoneWatch.start(request) : null;
            answering.whenComplete((answer, failure) -> {
                if (departure != null) {
                    departure.stop();
                }
                if (failure != null) {
                    send(encoder.failure(failure, description), response, callback);
                } else {
                    send(encoder.encode(answer, cacheKey), gzip, response, callback);
                }
            });
        });
    }

    /**
     * A GET's key in the encoded-answer cache: its raw path and query without {@code index}
     * and {@code wait}, which say when to answer, not what.
     */
    static String cacheKey(String rawPath, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawPath;
        }
        StringBuilder key = new StringBuilder(rawPath.length() + rawQuery.length() + 1).append(rawPath).append('?');
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (!isParam(rawQuery, start, end, "index") && !isParam(rawQuery, start, end, "wait")) {
                key.append(rawQuery, start, end).append('&');
            }
            start = end + 1;
        }
        return key.toString();
    }

    private static boolean isParam(String query, int start, int end, String name) {
        int nameEnd = start + name.length();
        return query.startsWith(name, start) && (nameEnd == end || nameEnd < end && query.charAt(nameEnd) == '=');
    }

    /** Whether {@code Accept-Encoding} accepts gzip (named, with no {@code q=0}). */
    static boolean acceptsGzip(List<String> acceptEncoding) {
        for (String header : acceptEncoding) {
            for (String coding : header.split(",")) {
                String[] parts = coding.split(";");
                if (!parts[0].trim().equalsIgnoreCase("gzip")) {
                    continue;
                }
                boolean refused = false;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].trim();
                    if (param.startsWith("q=")) {
                        try {
                            refused = Double.parseDouble(param.substring(2).trim()) <= 0;
                        } catch (NumberFormatException e) {
                            refused = true;
                        }
                    }
                }
                if (!refused) {
                    return true;
                }
            }
        }
        return false;
    }

    private RouteRequest routeRequest(RouteTable.Found found, Request request, byte[] body) throws HttpException {
        Function<String, String> headers = name -> request.getHeaders().get(name);
        String rawQuery = request.getHttpURI().getQuery();
        QueryParameters query = QueryParameters.parse(rawQuery);
        QueryOptions options = optionsParser.parse(query, headers);
        return new RouteRequest(request.getMethod(),
                URIUtil.decodePath(request.getHttpURI().getPath()), URIUtil.decodePath(found.rawSuffix()),
                rawQuery, query, options, headers, body, json, Request.getRemoteAddr(request));
    }

    private static CompletionStage<HttpResponse> answer(RouteTable.Found found, RouteRequest request, String description) {
        try {
            CompletionStage<HttpResponse> answer = found.route().handler().handle(request);
            if (answer == null) {
                throw new IllegalStateException("handler for " + description + " returned no answer");
            }
            return answer.thenApply(value -> {
                if (value == null) {
                    throw new IllegalStateException("handler for " + description + " completed without a response");
                }
                return value;
            });
        } catch (HttpException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private HttpResponse tooLarge(long length) {
        String size = length >= 0 ? "(" + length + " bytes) " : "";
        return ResponseEncoder.text(413, "Request body " + size + "too large, max size: " + maxBodyBytes + " bytes");
    }

    private void send(HttpResponse answer, Response response, Callback callback) {
        send(encoder.encode(answer), false, response, callback);
    }

    /**
     * Writes an encoded answer; gzipped, as Consul does, when the client accepts it and the
     * answer is JSON worth compressing (a cached answer's gzip is compressed once and kept).
     */
    private void send(ResponseEncoder.Encoded encoded, boolean acceptsGzip, Response response, Callback callback) {
        response.setStatus(encoded.status());
        boolean gzip = acceptsGzip && worthGzip(encoded);
        byte[] body = gzip ? encoder.gzip(encoded) : encoded.body();
        if (encoded.cached() != null) {
            // bytes kept for a question at an index: their header fields are kept encoded beside them
            WireHeaders wire = encoded.cached().wire(encoded.headers());
            response.getHeaders().add(gzip ? wire.gzipped(body.length) : wire.plain());
        } else {
            for (Map.Entry<String, String> header : encoded.headers().entrySet()) {
                response.getHeaders().put(header.getKey(), header.getValue());
            }
            if (gzip) {
                response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
                response.getHeaders().put(HttpHeader.VARY, "Accept-Encoding");
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Answers below this many bytes go out plain: compressing them saves nothing worth the CPU. */
    static final int GZIP_MIN_BYTES = 1400;

    private static boolean worthGzip(ResponseEncoder.Encoded encoded) {
        String type = encoded.headers().get("Content-Type");
        return encoded.body().length >= GZIP_MIN_BYTES && type != null && type.startsWith(ResponseEncoder.JSON);
    }
}
