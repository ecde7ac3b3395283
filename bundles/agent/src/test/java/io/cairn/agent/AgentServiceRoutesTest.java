package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cairn.api.http.Consistency;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.QueryOptions;
import io.cairn.api.http.Route;
import io.cairn.http.JsonCodec;
import io.cairn.http.QueryOptionsParser;
import io.cairn.http.QueryParameters;

/** The /v1/agent service and check endpoints as a client sees them: JSON in and out through the HTTP bundle's codec. */
class AgentServiceRoutesTest {

    @TempDir
    Path dataDir;
    TestAgent t;
    List<Route> routes;
    final JsonCodec codec = new JsonCodec();

    @BeforeEach
    void setUp() throws Exception {
        t = TestAgent.start(dataDir);
        routes = new AgentServiceRoutes(t.agent, t.config::get).routes();
    }

    private HttpResponse call(String method, String pathAndQuery, String body) throws Exception {
        try {
            return start(method, pathAndQuery, body).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** The handler's stage as it is returned, for answers that block. */
    private CompletionStage<HttpResponse> start(String method, String pathAndQuery, String body) throws Exception {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        QueryParameters params = QueryParameters.parse(
                pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "");
        Route route = routes.stream()
                .filter(r -> r.methods().contains(method))
                .filter(r -> r.isPrefix() ? path.startsWith(r.path()) : path.equals(r.path()))
                .max(Comparator.comparingInt(r -> r.path().length())).orElseThrow();
        String suffix = route.isPrefix() ? path.substring(route.path().length()) : "";
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return route.handler().handle(new Request(method, path, suffix, params, bytes));
    }

    private JsonNode json(HttpResponse response) throws Exception {
        return new ObjectMapper().readTree(codec.write(response.body()));
    }

    @Test
    void springCloudConsulsRegistrationWithATtlHeartbeat() throws Exception {
        call("PUT", "/v1/agent/service/register", """
                {"ID":"app-8080","Name":"app","Tags":["secure=false"],"Address":"10.0.0.7","Meta":{},"Port":8080,
                 "EnableTagOverride":false,"Check":{"TTL":"30s"}}""");
        call("PUT", "/v1/agent/check/pass/service:app-8080", null);

        JsonNode services = json(call("GET", "/v1/agent/services", null));
        JsonNode app = services.get("app-8080");
        assertThat(app.get("ID").asText()).isEqualTo("app-8080");
        assertThat(app.get("Service").asText()).isEqualTo("app");
        assertThat(app.get("Port").asInt()).isEqualTo(8080);
        assertThat(app.get("Weights").toString()).isEqualTo("{\"Passing\":1,\"Warning\":1}");
        assertThat(app.get("Datacenter").asText()).isEqualTo("dc1");
        assertThat(app.has("CreateIndex")).isFalse();

        JsonNode check = json(call("GET", "/v1/agent/checks", null)).get("service:app-8080");
        assertThat(check.get("Status").asText()).isEqualTo("passing");
        assertThat(check.get("Name").asText()).isEqualTo("Service 'app' check");
        assertThat(check.get("ServiceID").asText()).isEqualTo("app-8080");
        assertThat(check.get("Type").asText()).isEqualTo("ttl");
    }

    @Test
    void snakeCaseAndLowerCaseBodiesAndScriptArgsAreAccepted() throws Exception {
        call("PUT", "/v1/agent/service/register", """
                {"name":"db","id":"db-1","enable_tag_override":true,"check":{"ttl":"10s","check_id":"db-ttl"}}""");

        assertThat(t.state.service("db-1").orElseThrow().enableTagOverride()).isTrue();
        assertThat(t.state.checks()).containsKey("db-ttl");

        assertThatThrownBy(() -> call("PUT", "/v1/agent/service/register", """
                {"Name":"s","Check":{"ScriptArgs":["/bin/true"],"Interval":"10s"}}"""))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void passWarnFailTakeANoteAndUpdateTakesABody() throws Exception {
        call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Check\":{\"TTL\":\"30s\"}}");

        call("PUT", "/v1/agent/check/warn/service:web?note=slow", null);
        JsonNode check = json(call("GET", "/v1/agent/checks", null)).get("service:web");
        assertThat(check.get("Status").asText()).isEqualTo("warning");
        assertThat(check.get("Output").asText()).isEqualTo("slow");

        call("PUT", "/v1/agent/check/update/service:web", "{\"Status\":\"critical\",\"Output\":\"down\"}");
        assertThat(t.state.check("service:web").orElseThrow().check().output()).isEqualTo("down");

        assertThatThrownBy(() -> call("PUT", "/v1/agent/check/update/service:web", "{\"Status\":\"bad\"}"))
                .hasMessage("Invalid check status: 'bad'");
        assertThatThrownBy(() -> call("PUT", "/v1/agent/check/pass/web", null))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("Unknown check ID \"web\". Ensure that the check ID is passed, not the check name.");
    }

    @Test
    void oneServiceWithItsContentHash() throws Exception {
        call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80}");
        HttpResponse first = call("GET", "/v1/agent/service/web", null);
        assertThat(json(first).get("ContentHash").asText()).isNotEmpty();
        assertThat(first.headers()).containsKey("X-Consul-ContentHash");

        call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":81}");
        HttpResponse second = call("GET", "/v1/agent/service/web", null);
        assertThat(json(second).get("ContentHash").asText()).isNotEqualTo(json(first).get("ContentHash").asText());

        assertThatThrownBy(() -> call("GET", "/v1/agent/service/nope", null))
                .hasMessage("unknown service ID: nope");
    }

    @Test
    void deregisteringAnUnknownServiceIsA200() throws Exception {
        assertThat(call("PUT", "/v1/agent/service/deregister/scope%2Fname", null).status()).isEqualTo(200);
    }

    @Test
    void maintenanceNeedsEnable() throws Exception {
        call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\"}");
        assertThatThrownBy(() -> call("PUT", "/v1/agent/maintenance", null)).hasMessage("Missing value for enable");
        assertThatThrownBy(() -> call("PUT", "/v1/agent/maintenance?enable=maybe", null))
                .hasMessage("Invalid value for enable: \"maybe\"");

        call("PUT", "/v1/agent/service/maintenance/web?enable=true&reason=deploy", null);

        JsonNode m = json(call("GET", "/v1/agent/checks", null)).get("_service_maintenance:web");
        assertThat(m.get("Name").asText()).isEqualTo("Service Maintenance Mode");
        assertThat(m.get("Notes").asText()).isEqualTo("deploy");
        HttpResponse health = call("GET", "/v1/agent/health/service/id/web", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(json(health).get("AggregatedStatus").asText()).isEqualTo("maintenance");
    }

    @Test
    void localHealthIs200Or429Or503WithConsulsBodies() throws Exception {
        call("PUT", "/v1/agent/service/register", "{\"ID\":\"w1\",\"Name\":\"web\",\"Check\":{\"TTL\":\"30s\"}}");
        call("PUT", "/v1/agent/service/register", "{\"ID\":\"w2\",\"Name\":\"web\",\"Check\":{\"TTL\":\"30s\"}}");
        call("PUT", "/v1/agent/check/pass/service:w1", null);
        call("PUT", "/v1/agent/check/warn/service:w2", null);

        HttpResponse one = call("GET", "/v1/agent/health/service/id/w1", null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(json(one).get("Service").get("ID").asText()).isEqualTo("w1");
        assertThat(json(one).get("Checks").get(0).get("CheckID").asText()).isEqualTo("service:w1");

        HttpResponse byName = call("GET", "/v1/agent/health/service/name/web", null);
        assertThat(byName.status()).isEqualTo(429);
        assertThat(json(byName)).hasSize(2);

        HttpResponse text = call("GET", "/v1/agent/health/service/name/web?format=text", null);
        assertThat(text.body()).isEqualTo("warning");

        HttpResponse missing = call("GET", "/v1/agent/health/service/name/ghost?format=text", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("ServiceName ghost Not Found");
        assertThat(call("GET", "/v1/agent/health/service/id/ghost", null).status()).isEqualTo(404);
    }

    @Test
    void aHashQueryBlocksUntilTheServiceChanges() throws Exception {
        call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80,\"Check\":{\"TTL\":\"30s\"}}");
        String hash = call("GET", "/v1/agent/service/web", null).headers().get("X-Consul-ContentHash");

        CompletableFuture<HttpResponse> blocked = start("GET", "/v1/agent/service/web?hash=" + hash + "&wait=30s", null)
                .toCompletableFuture();
        // a check changing is no change of the service: still blocked
        call("PUT", "/v1/agent/check/pass/service:web", null);
        call("PUT", "/v1/agent/service/register", "{\"Name\":\"other\"}");
        assertThat(blocked).isNotDone();

        call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":81,\"Check\":{\"TTL\":\"30s\"}}");
        HttpResponse woken = blocked.get(5, TimeUnit.SECONDS);
        assertThat(json(woken).get("Port").asInt()).isEqualTo(81);
        assertThat(woken.headers().get("X-Consul-ContentHash")).isNotEqualTo(hash);
    }

    @Test
    void aHashQueryAnswersAtOnceWhenTheHashDiffersAndAtTheEndOfTheWaitOtherwise() throws Exception {
        call("PUT", "/v1/agent/service/register", "{\"Name\":\"web\",\"Port\":80}");
        String hash = call("GET", "/v1/agent/service/web", null).headers().get("X-Consul-ContentHash");

        CompletionStage<HttpResponse> stale = start("GET", "/v1/agent/service/web?hash=other&wait=30s", null);
        assertThat(stale.toCompletableFuture()).isCompleted();

        long started = System.nanoTime();
        HttpResponse timedOut = call("GET", "/v1/agent/service/web?hash=" + hash + "&wait=300ms", null);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(timedOut.headers().get("X-Consul-ContentHash")).isEqualTo(hash);

        CompletableFuture<HttpResponse> gone = start("GET", "/v1/agent/service/web?hash=" + hash + "&wait=30s", null)
                .toCompletableFuture();
        call("PUT", "/v1/agent/service/deregister/web", null);
        assertThatThrownBy(() -> gone.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(HttpException.class)
                .hasMessageContaining("unknown service ID: web");
    }

    @Test
    void servicesAndChecksAreFilteredByConsulsExpressions() throws Exception {
        call("PUT", "/v1/agent/service/register",
                "{\"ID\":\"w1\",\"Name\":\"web\",\"Tags\":[\"v1\"],\"Meta\":{\"env\":\"prod\"},\"Check\":{\"TTL\":\"30s\"}}");
        call("PUT", "/v1/agent/service/register", "{\"ID\":\"w2\",\"Name\":\"web\",\"Tags\":[\"v2\"]}");
        call("PUT", "/v1/agent/service/register", "{\"ID\":\"db\",\"Name\":\"db\",\"Meta\":{\"env\":\"prod\"}}");
        call("PUT", "/v1/agent/check/pass/service:w1", null);

        assertThat(ids(call("GET", "/v1/agent/services?filter=" + enc("Service == \"web\""), null)))
                .containsExactly("w1", "w2");
        assertThat(ids(call("GET", "/v1/agent/services?filter=" + enc("\"v1\" in Tags"), null)))
                .containsExactly("w1");
        assertThat(ids(call("GET", "/v1/agent/services?filter=" + enc("Meta.env == prod and not (Service == web)"),
                null))).containsExactly("db");
        assertThat(ids(call("GET", "/v1/agent/services?filter=" + enc("Service == nothing"), null))).isEmpty();
        assertThat(ids(call("GET", "/v1/agent/checks?filter=" + enc("Status == passing"), null)))
                .containsExactly("service:w1");
        assertThat(ids(call("GET", "/v1/agent/checks?filter=" + enc("ServiceID != w1"), null))).isEmpty();
    }

    @Test
    void aBadFilterIsA400InConsulsWords() {
        assertThatThrownBy(() -> call("GET", "/v1/agent/services?filter=" + enc("Colour == red"), null))
                .isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("Failed to create boolean expression evaluator: ")
                            .contains("Colour");
                });
        assertThatThrownBy(() -> call("GET", "/v1/agent/checks?filter=" + enc("Status =="), null))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private List<String> ids(HttpResponse response) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        json(response).fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A request as the HTTP bundle hands it to a route, bodies bound by its codec. */
    private final class Request implements HttpRequest {
        private final String method;
        private final String path;
        private final String suffix;
        private final QueryParameters params;
        private final QueryOptions options;
        private final byte[] body;

        Request(String method, String path, String suffix, QueryParameters params, byte[] body) throws HttpException {
            this.method = method;
            this.path = path;
            this.suffix = java.net.URLDecoder.decode(suffix, StandardCharsets.UTF_8);
            this.params = params;
            this.options = new QueryOptionsParser(bound -> 0).parse(params, header -> null);
            this.body = body;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String suffix() {
            return suffix;
        }

        @Override
        public QueryOptions options() {
            return options;
        }

        @Override
        public Optional<String> param(String name) {
            return params.first(name);
        }

        @Override
        public List<String> params(String name) {
            return params.all(name);
        }

        @Override
        public boolean flag(String name) throws HttpException {
            return params.flag(name);
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.empty();
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public <T> T bodyAs(Class<T> type) throws HttpException {
            return codec.read(body, type);
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }
    }
}
