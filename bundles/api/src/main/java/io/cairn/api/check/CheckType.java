package io.cairn.api.check;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

import io.cairn.api.config.CheckDefinition;

/**
 * One kind of health check ({@code http}, {@code tcp}, {@code ttl}, or a plugin's own),
 * registered as an OSGi service with the property {@value #TYPE_PROPERTY} naming the kind.
 *
 * <p>A plugin implements {@link #run}: the agent calls it once per period, never twice at
 * once for one check, on a bounded pool; a slow answer is cut off at the check's timeout.
 * Thresholds ({@code SuccessBeforePassing}...), the output cap and pushing the status to the
 * catalog are the runner's job, not the type's.
 *
 * <p>A {@linkplain #passive() passive} type (TTL) is told its status from outside
 * ({@code /v1/agent/check/pass/:id}...); each such update postpones its next run by a
 * period, so {@code run} only says what happens when no update came in time.
 */
@ConsumerType
public interface CheckType {

    /** The service property naming the kind of check a {@code CheckType} service runs. */
    String TYPE_PROPERTY = "check.type";

    /** Runs the check once; never blocks for long: slow work completes the stage later. */
    CompletionStage<CheckResult> run(CheckDefinition check, CheckContext context);

    /** How long after a run (or, for a passive type, after an update) the next run is due. */
    default Duration period(CheckDefinition check) {
        return check.interval();
    }

    /** True when statuses are pushed from outside and {@link #run} only marks their absence. */
    default boolean passive() {
        return false;
    }

    /**
     * The kind of check a definition asks for, from the first of its fields that is set, as
     * Consul decides it: {@code script} (args), {@code docker}, {@code http}, {@code tcp},
     * {@code udp}, {@code grpc}, {@code h2ping}, {@code alias}, {@code ttl}; "" for none.
     *
     * <p>A plugin's check is addressed by a URL in the {@code HTTP} field whose scheme is
     * neither {@code http} nor {@code https}: {@code "HTTP": "file:///run/ready"} asks for the
     * type named {@code file}, so plugin checks register through Consul's own API and config
     * files, with {@code Interval}, {@code Timeout}, {@code Header}, {@code Body} and the
     * thresholds meaning what they mean for HTTP checks.
     *
     * @since 1.1 (plugin schemes)
     */
    static String typeOf(CheckDefinition check) {
        if (check.dockerContainerId() != null && !check.dockerContainerId().isEmpty()) {
            return "docker";
        }
        if (!check.args().isEmpty()) {
            return "script";
        }
        if (isSet(check.http())) {
            return schemeType(check.http());
        }
        if (isSet(check.tcp())) {
            return "tcp";
        }
        if (isSet(check.udp())) {
            return "udp";
        }
        if (isSet(check.grpc())) {
            return "grpc";
        }
        if (isSet(check.h2ping())) {
            return "h2ping";
        }
        if (isSet(check.aliasService()) || isSet(check.aliasNode())) {
            return "alias";
        }
        if (check.ttl() != null && check.ttl().compareTo(Duration.ZERO) > 0) {
            return "ttl";
        }
        return "";
    }

    /** The scheme of {@code scheme://...} in lower case, {@code http} for https and anything else. */
    private static String schemeType(String url) {
        int end = url.indexOf("://");
        if (end <= 0 || !Character.isLetter(url.charAt(0))) {
            return "http";
        }
        String scheme = url.substring(0, end).toLowerCase(Locale.ROOT);
        boolean valid = scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
        return valid && !scheme.equals("https") ? scheme : "http";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
