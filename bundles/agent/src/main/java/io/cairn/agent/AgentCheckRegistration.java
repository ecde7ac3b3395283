package io.cairn.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cairn.api.config.CheckDefinition;
import io.cairn.api.config.GoDuration;
import io.cairn.api.http.HttpException;

/**
 * A check as clients send it: a service's {@code Check}/{@code Checks} entry (Consul's
 * {@code AgentServiceCheck}) or the body of {@code PUT /v1/agent/check/register} (which adds
 * {@code ID} and {@code ServiceID}). Durations arrive as Go text ({@code "10s"}) or nanoseconds;
 * script arguments as {@code Args} or the Go client's {@code ScriptArgs}. Unset fields are null.
 */
public record AgentCheckRegistration(String id, String checkId, String name, String notes, String serviceId,
                                     String status, List<String> args, List<String> scriptArgs, String http,
                                     String method, Map<String, List<String>> header, String body, String tcp,
                                     String udp, String grpc, Boolean grpcUseTls, String h2ping,
                                     Boolean h2PingUseTls, String dockerContainerId, String shell, String aliasNode, String aliasService,
                                     String tlsServerName, Boolean tlsSkipVerify, Object interval, Object timeout,
                                     Object ttl, Object deregisterCriticalServiceAfter, Integer successBeforePassing,
                                     Integer failuresBeforeWarning, Integer failuresBeforeCritical,
                                     Integer outputMaxSize) {

    /** A registration without {@code H2PingUseTLS} (an H2PING check of it uses TLS, Consul's default). */
    public AgentCheckRegistration(String id, String checkId, String name, String notes, String serviceId,
                                  String status, List<String> args, List<String> scriptArgs, String http,
                                  String method, Map<String, List<String>> header, String body, String tcp,
                                  String udp, String grpc, Boolean grpcUseTls, String h2ping,
                                  String dockerContainerId, String shell, String aliasNode, String aliasService,
                                  String tlsServerName, Boolean tlsSkipVerify, Object interval, Object timeout,
                                  Object ttl, Object deregisterCriticalServiceAfter, Integer successBeforePassing,
                                  Integer failuresBeforeWarning, Integer failuresBeforeCritical,
                                  Integer outputMaxSize) {
        this(id, checkId, name, notes, serviceId, status, args, scriptArgs, http, method, header, body, tcp, udp, grpc,
                grpcUseTls, h2ping, null, dockerContainerId, shell, aliasNode, aliasService, tlsServerName,
                tlsSkipVerify, interval, timeout, ttl, deregisterCriticalServiceAfter, successBeforePassing,
                failuresBeforeWarning, failuresBeforeCritical, outputMaxSize);
    }

    /** The definition the runner works from; {@code CheckID} wins over {@code ID}, as in Consul's decoder. */
    public CheckDefinition toDefinition() throws HttpException {
        try {
            return new CheckDefinition(blankToNull(checkId) != null ? checkId : blankToNull(id), blankToNull(name),
                    notes, blankToNull(serviceId), blankToNull(status),
                    args != null && !args.isEmpty() ? args : scriptArgs, blankToNull(http), method, header, body,
                    blankToNull(tcp), blankToNull(udp), blankToNull(grpc), Boolean.TRUE.equals(grpcUseTls),
                    blankToNull(h2ping), !Boolean.FALSE.equals(h2PingUseTls), blankToNull(dockerContainerId), shell, blankToNull(aliasNode),
                    blankToNull(aliasService), tlsServerName, Boolean.TRUE.equals(tlsSkipVerify),
                    duration(interval), duration(timeout), duration(ttl),
                    duration(deregisterCriticalServiceAfter), orZero(successBeforePassing),
                    orZero(failuresBeforeWarning), orZero(failuresBeforeCritical), orZero(outputMaxSize));
        } catch (IllegalArgumentException e) {
            throw HttpException.badRequest("Request decode failed: " + e.getMessage());
        }
    }

    /** A JSON duration: Go's syntax, or a number of nanoseconds; null or blank stays null. */
    private static Duration duration(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return Duration.ofNanos(n.longValue());
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : GoDuration.parse(text);
    }

    /** True for a {@code Check: {}} that sets nothing: Consul ignores it. */
    public boolean isEmpty() {
        return Objects.equals(this, new AgentCheckRegistration(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
