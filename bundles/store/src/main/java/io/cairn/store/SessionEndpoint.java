package io.cairn.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

import io.cairn.api.config.GoDuration;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.session.NewSession;
import io.cairn.api.session.ServiceCheck;
import io.cairn.api.session.Session;
import io.cairn.api.session.SessionBehavior;
import io.cairn.api.session.SessionStore;

/** {@code /v1/session/*}: Consul's session endpoints over a {@link SessionStore}. */
public final class SessionEndpoint implements RouteProvider {

    /** Consul's {@code SessionTTLMax}. */
    static final Duration TTL_MAX = Duration.ofHours(24);
    static final Duration DEFAULT_LOCK_DELAY = Duration.ofSeconds(15);
    /** Consul's {@code lockDelayMinThreshold}: a smaller LockDelay number means seconds, not nanoseconds. */
    private static final long LOCK_DELAY_SECONDS_BELOW = 1000;

    private final SessionStore sessions;
    private final String agentNode;
    private final Duration ttlMin;

    /**
     * @param agentNode this agent's node name, the default owner of a new session
     * @param ttlMin    {@code session_ttl_min}
     */
    public SessionEndpoint(SessionStore sessions, String agentNode, Duration ttlMin) {
        this.sessions = sessions;
        this.agentNode = agentNode;
        this.ttlMin = ttlMin;
    }

    /** A session as Consul writes it: LockDelay in nanoseconds, TTL as a Go duration, nil lists as null. */
    record SessionJson(String id, String name, String node, long lockDelay, String behavior, String ttl,
                       List<String> nodeChecks, List<ServiceCheck> serviceChecks, long createIndex, long modifyIndex) {

        static SessionJson of(Session s) {
            return new SessionJson(s.id(), s.name(), s.node(), s.lockDelay().toNanos(), s.behavior().wireName(),
                    s.ttl().map(GoDuration::format).orElse(""),
                    s.nodeChecks().isEmpty() ? null : s.nodeChecks(),
                    s.serviceChecks().isEmpty() ? null : s.serviceChecks(),
                    s.createIndex(), s.modifyIndex());
        }
    }

    record Created(String id) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.put("/v1/session/create", r -> HttpErrors.mapped(create(r))),
                Route.put("/v1/session/destroy/", r -> HttpErrors.mapped(destroy(r))),
                Route.put("/v1/session/renew/", r -> HttpErrors.mapped(renew(r))),
                Route.get("/v1/session/info/", r -> HttpErrors.mapped(info(r))),
                Route.get("/v1/session/list", r -> HttpErrors.mapped(list(r))),
                Route.get("/v1/session/node/", r -> HttpErrors.mapped(node(r))));
    }

    CompletionStage<HttpResponse> create(HttpRequest request) throws HttpException {
        return sessions.create(newSession(request)).thenApply(id -> HttpResponse.json(new Created(id)));
    }

    CompletionStage<HttpResponse> destroy(HttpRequest request) throws HttpException {
        return sessions.destroy(sessionId(request)).thenApply(HttpResponse::json);
    }

    CompletionStage<HttpResponse> renew(HttpRequest request) throws HttpException {
        String id = sessionId(request);
        return sessions.renew(id).thenApply(renewed -> renewed
                .map(s -> HttpResponse.json(List.of(SessionJson.of(s))))
                .orElseGet(() -> new HttpResponse(404, "Session id '" + id + "' not found",
                        Optional.of("text/plain"), Optional.empty(), Map.of())));
    }

    CompletionStage<HttpResponse> info(HttpRequest request) throws HttpException {
        return sessions.get(sessionId(request), request.options()).thenApply(r -> HttpResponse.json(
                r.value().map(SessionJson::of).stream().toList(), r.meta()));
    }

    CompletionStage<HttpResponse> list(HttpRequest request) {
        return sessions.list(request.options()).thenApply(r -> HttpResponse.json(json(r.value()), r.meta()));
    }

    CompletionStage<HttpResponse> node(HttpRequest request) throws HttpException {
        if (request.suffix().isEmpty()) {
            throw HttpException.badRequest("Missing node name");
        }
        return sessions.node(request.suffix(), request.options())
                .thenApply(r -> HttpResponse.json(json(r.value()), r.meta()));
    }

    private static List<SessionJson> json(List<Session> list) {
        return list.stream().map(SessionJson::of).toList();
    }

    private static String sessionId(HttpRequest request) throws HttpException {
        if (request.suffix().isEmpty()) {
            throw HttpException.badRequest("Missing session");
        }
        return request.suffix();
    }

    /**
     * The body of a create, read as Go's decoder reads it (names in any case), with Consul's
     * defaults: this agent's node, {@code serfHealth}, a 15 s lock-delay, release, no TTL.
     */
    NewSession newSession(HttpRequest request) throws HttpException {
        Map<String, Object> body = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (request.body().length > 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> decoded = request.bodyAs(Map.class);
            if (decoded != null) {
                body.putAll(decoded);
            }
        }
        String name = string(body, "Name").orElse("");
        String node = string(body, "Node").filter(n -> !n.isEmpty()).orElse(agentNode);
        Duration lockDelay = body.containsKey("LockDelay") ? lockDelay(body.get("LockDelay")) : DEFAULT_LOCK_DELAY;
        SessionBehavior behavior = behavior(string(body, "Behavior").orElse(""));
        Optional<Duration> ttl = ttl(string(body, "TTL").orElse(""));
        // an explicit Checks or NodeChecks, even [], replaces the default serfHealth
        List<String> nodeChecks = new ArrayList<>();
        if (!body.containsKey("Checks") && !body.containsKey("NodeChecks")) {
            nodeChecks.add(Session.SERF_HEALTH);
        }
        for (String key : List.of("Checks", "NodeChecks")) {
            for (Object check : list(body, key)) {
                if (!nodeChecks.contains(String.valueOf(check))) {
                    nodeChecks.add(String.valueOf(check));
                }
            }
        }
        List<ServiceCheck> serviceChecks = new ArrayList<>();
        for (Object check : list(body, "ServiceChecks")) {
            if (!(check instanceof Map<?, ?> fields)) {
                throw HttpException.badRequest("Request decode failed: ServiceChecks must be objects with an ID");
            }
            Map<String, Object> f = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            fields.forEach((k, v) -> f.put(String.valueOf(k), v));
            serviceChecks.add(new ServiceCheck(string(f, "ID").orElse(""), string(f, "Namespace").orElse("")));
        }
        return new NewSession(name, node, lockDelay, behavior, ttl, nodeChecks, serviceChecks);
    }

    /** A Go duration string, or a number: nanoseconds, or seconds when below 1000 (Consul's fix for {@code "LockDelay": 5}). */
    private static Duration lockDelay(Object value) throws HttpException {
        try {
            Duration d;
            if (value instanceof Number n) {
                d = Duration.ofNanos(n.longValue());
            } else if (value instanceof String s) {
                d = GoDuration.parse(s);
            } else if (value == null) {
                return Duration.ZERO;
            } else {
                throw new IllegalArgumentException("LockDelay must be a duration");
            }
            return d.toNanos() < LOCK_DELAY_SECONDS_BELOW ? Duration.ofSeconds(d.toNanos()) : d;
        } catch (IllegalArgumentException e) {
            throw HttpException.badRequest("Request decode failed: " + e.getMessage());
        }
    }

    /** Consul refuses these in the server, so they answer 500 with its message. */
    private static SessionBehavior behavior(String text) throws HttpException {
        if (text.isEmpty()) {
            return SessionBehavior.RELEASE;
        }
        return SessionBehavior.byWireName(text).orElseThrow(() -> new HttpException(500, "Invalid Behavior setting '" + text + "'"));
    }

    private Optional<Duration> ttl(String text) throws HttpException {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration ttl;
        try {
            ttl = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HttpException(500, "Session TTL '" + text + "' invalid: " + e.getMessage());
        }
        if (ttl.isZero()) {
            return Optional.empty();
        }
        if (ttl.compareTo(ttlMin) < 0 || ttl.compareTo(TTL_MAX) > 0) {
            throw new HttpException(500, "Invalid Session TTL '" + ttl.toNanos() + "', must be between ["
                    + GoDuration.format(ttlMin) + "=" + GoDuration.format(TTL_MAX) + "]");
        }
        return Optional.of(ttl);
    }

    private static Optional<String> string(Map<String, Object> body, String key) throws HttpException {
        Object value = body.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw HttpException.badRequest("Request decode failed: " + key + " must be a string");
        }
        return Optional.of(s);
    }

    private static List<?> list(Map<String, Object> body, String key) throws HttpException {
        Object value = body.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw HttpException.badRequest("Request decode failed: " + key + " must be a list");
        }
        return l;
    }
}
