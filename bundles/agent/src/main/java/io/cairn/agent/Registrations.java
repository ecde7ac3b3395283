package io.cairn.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.Weights;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.config.ServiceDefinition;
import io.cairn.api.http.HttpException;

/**
 * Turns registrations (HTTP bodies, config-file definitions) into the agent's model, refusing
 * what Consul refuses with Consul's messages.
 */
final class Registrations {

    private static final Pattern META_KEY = Pattern.compile("^[a-zA-Z0-9_-]+$");
    private static final int META_MAX_PAIRS = 64;
    private static final int META_KEY_MAX = 128;
    private static final int META_VALUE_MAX = 512;

    private Registrations() {
    }

    /** The service of a registration body; the id defaults to the name. */
    static Service service(AgentServiceRegistration r) throws HttpException {
        if (r.name() == null || r.name().isEmpty()) {
            throw HttpException.badRequest("Missing service name");
        }
        if (r.address() != null && (r.address().equals("0.0.0.0") || r.address().equals("::") || r.address().equals("[::]"))) {
            throw HttpException.badRequest("Invalid service address");
        }
        Weights weights = r.weights() == null ? Weights.DEFAULT : r.weights();
        if (weights.passing() <= 0) {
            throw HttpException.badRequest("Invalid Weights: Passing must be greater than 0");
        }
        if (weights.warning() < 0) {
            throw HttpException.badRequest("Invalid Weights: Warning must be greater or equal than 0");
        }
        Map<String, String> meta = r.meta() == null ? Map.of() : r.meta();
        Optional<String> metaProblem = metaProblem(meta);
        if (metaProblem.isPresent()) {
            throw HttpException.badRequest("Invalid Service Meta: " + metaProblem.get());
        }
        String id = r.id() == null || r.id().isEmpty() ? r.name() : r.id();
        return new Service(Optional.ofNullable(r.kind()), id, r.name(), r.tags(), r.address(), r.taggedAddresses(),
                meta, r.port() == null ? 0 : r.port(), weights, Boolean.TRUE.equals(r.enableTagOverride()), 0, 0);
    }

    /** The checks of a registration body, {@code Check} first, each validated; empty entries skipped. */
    static List<CheckDefinition> checks(AgentServiceRegistration r) throws HttpException {
        List<AgentCheckRegistration> given = new ArrayList<>();
        if (r.check() != null && !r.check().isEmpty()) {
            given.add(r.check());
        }
        if (r.checks() != null) {
            given.addAll(r.checks());
        }
        List<CheckDefinition> checks = new ArrayList<>();
        for (AgentCheckRegistration c : given) {
            CheckDefinition definition = c.toDefinition();
            validate(definition);
            if (definition.status() != null && HealthStatus.ofWireName(definition.status()).isEmpty()) {
                throw HttpException.badRequest("Status for checks must 'passing', 'warning', 'critical'");
            }
            checks.add(definition);
        }
        return checks;
    }

    /** Consul's {@code CheckType.Validate}: an interval for active checks, a TTL otherwise. */
    static void validate(CheckDefinition c) throws HttpException {
        String type = CheckType.typeOf(c);
        boolean intervalCheck = switch (type) {
            case "ttl", "alias", "" -> false;
            // a plugin's type (named by its URL's scheme) runs on an interval, as HTTP does
            default -> true;
        };
        boolean alias = type.equals("alias");
        if (positive(c.interval()) && positive(c.ttl())) {
            throw invalid("Interval and TTL cannot both be specified");
        }
        if (intervalCheck && !positive(c.interval())) {
            throw invalid("Interval must be > 0 for Script, HTTP, H2PING, TCP or UDP checks");
        }
        if (alias && positive(c.ttl())) {
            throw invalid("TTL must be not be set for Alias checks");
        }
        if (!intervalCheck && !alias && !positive(c.ttl())) {
            throw invalid("TTL must be > 0 for TTL checks");
        }
        if (c.outputMaxSize() < 0) {
            throw invalid("MaxOutputMaxSize must be positive");
        }
    }

    /** A service from a config file, with the same defaults as one registered over HTTP. */
    static Service service(ServiceDefinition d) {
        Weights weights = d.weights() == null ? Weights.DEFAULT : new Weights(d.weights().passing(), d.weights().warning());
        return new Service(Optional.ofNullable(d.kind()), d.id() == null || d.id().isEmpty() ? d.name() : d.id(),
                d.name(), d.tags(), d.address(), Map.of(), d.meta(), d.port(), weights, d.enableTagOverride(), 0, 0);
    }

    private static Optional<String> metaProblem(Map<String, String> meta) {
        if (meta.size() > META_MAX_PAIRS) {
            return Optional.of("Node metadata cannot contain more than " + META_MAX_PAIRS + " key/value pairs");
        }
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty()) {
                return Optional.of("Key cannot be blank");
            }
            if (!META_KEY.matcher(key).matches()) {
                return Optional.of("Key contains invalid characters");
            }
            if (key.length() > META_KEY_MAX) {
                return Optional.of("Key is too long (limit: " + META_KEY_MAX + " characters)");
            }
            if (key.startsWith("consul-")) {
                return Optional.of("Key prefix 'consul-' is reserved for internal use");
            }
            if (e.getValue() != null && e.getValue().length() > META_VALUE_MAX) {
                return Optional.of("Value is too long (limit: " + META_VALUE_MAX + " characters)");
            }
        }
        return Optional.empty();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static HttpException invalid(String reason) {
        return HttpException.badRequest("Invalid check: " + reason);
    }
}
