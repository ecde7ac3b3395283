package io.cairn.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How every {@code cairn} command talks to an agent: its HTTP API, found the way Consul's
 * CLI finds it ({@code -http-addr}, else {@code CONSUL_HTTP_ADDR} / {@code CAIRN_HTTP_ADDR},
 * else {@code 127.0.0.1:8500}), with the token from {@code -token} or
 * {@code CONSUL_HTTP_TOKEN} / {@code CAIRN_HTTP_TOKEN}. HTTPS for an {@code https://}
 * address or {@code CONSUL_HTTP_SSL=true}, with the CA, client certificate and server name
 * from the flags or Consul's variables ({@link HttpsOptions}).
 */
public final class AgentClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Optional<String> token;

    AgentClient(HttpClient http, URI base, Optional<String> token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The client for the given flags, falling back to the environment as Consul's CLI does. */
    static AgentClient from(HttpOptions options, Function<String, String> env) throws CliException {
        String address = options.httpAddr != null ? options.httpAddr
                : firstOf(env, "CAIRN_HTTP_ADDR", "CONSUL_HTTP_ADDR").orElse("127.0.0.1:8500");
        Optional<String> token = Optional.ofNullable(options.token)
                .or(() -> firstOf(env, "CAIRN_HTTP_TOKEN", "CONSUL_HTTP_TOKEN"));
        boolean https = address.startsWith("https://") || !address.contains("://")
                && firstOf(env, "CAIRN_HTTP_SSL", "CONSUL_HTTP_SSL").map(Boolean::parseBoolean).orElse(false);
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (https) {
            http.sslContext(HttpsOptions.from(options, env).sslContext());
        }
        String withScheme = address.contains("://") ? address : (https ? "https://" : "http://") + address;
        return new AgentClient(http.build(), baseUri(withScheme), token);
    }

    static Optional<String> firstOf(Function<String, String> env, String... names) {
        for (String name : names) {
            String value = env.apply(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** {@code host:port}, {@code http://host:port} or a unix socket is not supported. */
    static URI baseUri(String address) {
        String withScheme = address.contains("://") ? address : "http://" + address;
        return URI.create(withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme);
    }

    URI base() {
        return base;
    }

    /** A response: its status and body as text. */
    public record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    Reply get(String path, Map<String, String> query) throws CliException {
        return send("GET", path, query, null);
    }

    Reply put(String path, Map<String, String> query, byte[] body) throws CliException {
        return send("PUT", path, query, body);
    }

    Reply delete(String path, Map<String, String> query) throws CliException {
        return send("DELETE", path, query, null);
    }

    Reply send(String method, String path, Map<String, String> query, byte[] body) throws CliException {
        HttpResponse<String> response = exchange(method, path, query, body, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    /** A GET whose answer is binary (a snapshot archive): its bytes, once the status is 2xx. */
    byte[] getBytes(String path, Map<String, String> query, String what) throws CliException {
        HttpResponse<byte[]> response = exchange("GET", path, query, null, HttpResponse.BodyHandlers.ofByteArray());
        expectOk(new Reply(response.statusCode(), response.statusCode() / 100 == 2 ? ""
                : new String(response.body(), StandardCharsets.UTF_8)), what);
        return response.body();
    }

    private <T> HttpResponse<T> exchange(String method, String path, Map<String, String> query, byte[] body,
                                         HttpResponse.BodyHandler<T> handler) throws CliException {
        URI uri = URI.create(base + path + queryString(query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(11))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(t -> request.header("X-Consul-Token", t));
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException e) {
            throw new CliException("Error connecting to Cairn agent: dial " + base.getAuthority() + ": connection refused");
        } catch (IOException e) {
            throw new CliException("Error talking to Cairn agent at " + base.getAuthority() + ": "
                    + TlsFailure.describe(e).orElse(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted");
        }
    }

    /** Fails with the agent's own message, as Consul's CLI prints it, unless the reply is 2xx. */
    static Reply expectOk(Reply reply, String what) throws CliException {
        if (!reply.ok()) {
            throw new CliException("Error " + what + ": Unexpected response code: " + reply.status() + " (" + reply.body().trim() + ")");
        }
        return reply;
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        query.forEach((k, v) -> {
            s.append(s.length() == 0 ? '?' : '&').append(URLEncoder.encode(k, StandardCharsets.UTF_8));
            if (v != null) {
                s.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return s.toString();
    }
}
