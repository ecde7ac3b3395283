package io.cairn.plugins.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cairn.api.config.CheckDefinition;

/**
 * Builds {@link CheckDefinition}s as the agent makes them from a registration: fields not set
 * are null (or empty, false, 0), {@code Interval} 10 s unless set.
 *
 * <pre>{@code
 * CheckDefinition check = CheckDefinitions.check("ready").http("file:///run/ready").timeout(Duration.ofSeconds(1)).build();
 * }</pre>
 */
public final class CheckDefinitions {

    private String id;
    private String name;
    private String serviceId;
    private List<String> args = List.of();
    private String http;
    private String method;
    private final Map<String, List<String>> header = new LinkedHashMap<>();
    private String body;
    private String tcp;
    private String udp;
    private String grpc;
    private boolean grpcUseTls;
    private String h2ping;
    private boolean h2pingUseTls = true;
    private String aliasNode;
    private String aliasService;
    private String tlsServerName;
    private boolean tlsSkipVerify;
    private Duration interval = Duration.ofSeconds(10);
    private Duration timeout;
    private Duration ttl;
    private int outputMaxSize;

    private CheckDefinitions(String id) {
        this.id = id;
        this.name = id;
    }

    /** A check with this id (and name). */
    public static CheckDefinitions check(String id) {
        return new CheckDefinitions(id);
    }

    public CheckDefinitions name(String value) { name = value; return this; }
    public CheckDefinitions serviceId(String value) { serviceId = value; return this; }
    public CheckDefinitions args(String... value) { args = List.of(value); return this; }
    /** The {@code HTTP} URL; a scheme other than http/https names a plugin's type ({@code file:///run/ready}). */
    public CheckDefinitions http(String value) { http = value; return this; }
    public CheckDefinitions method(String value) { method = value; return this; }
    public CheckDefinitions header(String key, String... values) { header.put(key, List.of(values)); return this; }
    public CheckDefinitions body(String value) { body = value; return this; }
    public CheckDefinitions tcp(String value) { tcp = value; return this; }
    public CheckDefinitions udp(String value) { udp = value; return this; }
    public CheckDefinitions grpc(String value) { grpc = value; return this; }
    public CheckDefinitions grpcUseTls(boolean value) { grpcUseTls = value; return this; }
    public CheckDefinitions h2ping(String value) { h2ping = value; return this; }
    /** {@code H2PingUseTLS}: true unless set, as in Consul. */
    public CheckDefinitions h2pingUseTls(boolean value) { h2pingUseTls = value; return this; }
    public CheckDefinitions aliasNode(String value) { aliasNode = value; return this; }
    public CheckDefinitions aliasService(String value) { aliasService = value; return this; }
    public CheckDefinitions tlsServerName(String value) { tlsServerName = value; return this; }
    public CheckDefinitions tlsSkipVerify(boolean value) { tlsSkipVerify = value; return this; }
    public CheckDefinitions interval(Duration value) { interval = value; return this; }
    public CheckDefinitions timeout(Duration value) { timeout = value; return this; }
    public CheckDefinitions ttl(Duration value) { ttl = value; interval = null; return this; }
    public CheckDefinitions outputMaxSize(int value) { outputMaxSize = value; return this; }

    public CheckDefinition build() {
        return new CheckDefinition(id, name, null, serviceId, null, args, http, method, header, body, tcp, udp, grpc,
                grpcUseTls, h2ping, h2pingUseTls, null, null, aliasNode, aliasService, tlsServerName, tlsSkipVerify, interval, timeout,
                ttl, null, 0, 0, 0, outputMaxSize);
    }
}
