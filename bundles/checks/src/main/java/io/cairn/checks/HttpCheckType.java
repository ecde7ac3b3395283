package io.cairn.checks;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpStatus;

import io.cairn.api.check.CheckContext;
import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;

/**
 * Consul's HTTP check: {@code Method} (GET) to the {@code HTTP} URL with {@code Header} and
 * {@code Body}; 2xx is passing, 429 Too Many Requests warning, anything else critical; a
 * redirect is not followed (a 3xx is critical, as the target answered no health). The output
 * is Consul's {@code HTTP GET <url>: 200 OK Output: <body>}, the body cut at the check's
 * output cap. HTTPS uses the agent's TLS settings, with {@code TLSSkipVerify} and
 * {@code TLSServerName}.
 */
public final class HttpCheckType implements CheckType {

    public static final String NAME = "http";
    /** The headers Consul sends unless the check sets them: some services answer only these. */
    static final Map<String, String> DEFAULT_HEADERS = Map.of(
            "User-Agent", "Consul Health Check",
            "Accept", "text/plain, text/*, */*");
    private static final int DEFAULT_OUTPUT_MAX = 4096;

    private final HttpClients clients;

    public HttpCheckType(HttpClients clients) {
        this.clients = clients;
    }

    @Override
    public CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context) {
        String method = check.method() == null || check.method().isEmpty() ? "GET" : check.method();
        String target = check.http();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        try {
            URI uri = URI.create(target);
            HttpClient client = clients.client("https".equalsIgnoreCase(uri.getScheme()), !check.tlsSkipVerify(),
                    Optional.ofNullable(check.tlsServerName()).filter(name -> !name.isEmpty()));
            Request request = client.newRequest(uri)
                    .method(method)
                    .timeout(context.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .headers(headers -> {
                        DEFAULT_HEADERS.forEach(headers::put);
                        for (Map.Entry<String, List<String>> header : check.header().entrySet()) {
                            headers.put(header.getKey(), header.getValue());
                        }
                    });
            if (check.body() != null && !check.body().isEmpty()) {
                String type = check.header().entrySet().stream()
                        .filter(h -> h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty())
                        .map(h -> h.getValue().get(0)).findFirst().orElse(null);
                request.body(new StringRequestContent(type, check.body(), StandardCharsets.UTF_8));
            }
            int cap = check.outputMaxSize() > 0 ? check.outputMaxSize() : DEFAULT_OUTPUT_MAX;
            request.send(new Listener(method, target, cap, result));
        } catch (RuntimeException e) {
            result.complete(CheckResult.critical(failed(method, target, e)));
        }
        return result;
    }

    /** Go's client error: {@code Get "http://...": dial tcp ...: connect: connection refused}. */
    private static String failed(String method, String target, Throwable failure) {
        String verb = method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
        return verb + " \"" + target + "\": " + NetErrors.reason(failure);
    }

    /** Keeps the first {@code cap} bytes of the body; the rest is read and dropped. */
    private static final class Listener implements Response.Listener {
        private final String method;
        private final String target;
        private final int cap;
        private final CompletableFuture<CheckResult> result;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Listener(String method, String target, int cap, CompletableFuture<CheckResult> result) {
            this.method = method;
            this.target = target;
            this.cap = cap;
            this.result = result;
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            int take = Math.min(content.remaining(), cap - body.size());
            if (take > 0) {
                byte[] bytes = new byte[take];
                content.get(bytes);
                body.write(bytes, 0, take);
            }
        }

        @Override
        public void onComplete(Result outcome) {
            Response response = outcome.getResponse();
            if (outcome.isFailed() && (response == null || response.getStatus() <= 0)) {
                result.complete(CheckResult.critical(failed(method, target, outcome.getFailure())));
                return;
            }
            int status = response.getStatus();
            String reason = Objects.requireNonNullElse(response.getReason(), HttpStatus.getMessage(status));
            String output = "HTTP " + method + " " + target + ": " + status + " " + reason + " Output: "
                    + body.toString(StandardCharsets.UTF_8);
            if (status >= 200 && status <= 299) {
                result.complete(CheckResult.passing(output));
            } else if (status == HttpStatus.TOO_MANY_REQUESTS_429) {
                result.complete(CheckResult.warning(output));
            } else {
                result.complete(CheckResult.critical(output));
            }
        }
    }
}
