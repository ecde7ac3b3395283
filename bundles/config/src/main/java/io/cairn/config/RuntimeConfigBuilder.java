package io.cairn.config;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cairn.api.config.Acl;
import io.cairn.api.config.Addresses;
import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.AutoEncrypt;
import io.cairn.api.config.CheckDefinition;
import io.cairn.api.config.DnsConfig;
import io.cairn.api.config.GoDuration;
import io.cairn.api.config.Limits;
import io.cairn.api.config.Performance;
import io.cairn.api.config.Ports;
import io.cairn.api.config.ServiceDefinition;
import io.cairn.api.config.Telemetry;
import io.cairn.api.config.Tls;

/**
 * Turns the merged, checked tree into an {@link AgentConfig}: applies the defaults that depend
 * on other keys or on the host, and the rules between keys (Consul's own messages where it has one).
 */
final class RuntimeConfigBuilder {

    private static final String ANY_ADDRESS = "0.0.0.0";

    /** Blocks map onto the api records by name (snake_case keys, camelCase components). */
    private static final ObjectMapper RECORDS = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // keys accepted for compatibility but not modelled (e.g. tls.grpc.use_auto_cert)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
                @Override
                public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    return GoDuration.parse(parser.getValueAsString());
                }
            }));

    private final Environment environment;

    RuntimeConfigBuilder(Environment environment) {
        this.environment = environment;
    }

    /** The runtime config, or {@code null} after reporting each rule broken. */
    AgentConfig build(ObjectNode tree, boolean dev, Problems problems) {
        boolean server = tree.path("server").asBoolean();
        checkRules(tree, server, dev, problems);
        if (problems.hasErrors()) {
            return null;
        }
        boolean dataDirTemporary = dev && !tree.hasNonNull("data_dir");
        String dataDir = dataDirTemporary ? environment.temporaryDataDir().toString() : tree.path("data_dir").asText();
        String bindAddr = tree.path("bind_addr").asText();
        String clientAddr = tree.path("client_addr").asText();
        String advertiseAddr = text(tree, "advertise_addr").orElseGet(() -> !bindAddr.equals(ANY_ADDRESS)
                ? bindAddr : environment.privateIpv4().orElse("127.0.0.1"));
        ObjectNode addresses = tree.withObjectProperty("addresses");
        return new AgentConfig(
                text(tree, "node_name").orElseGet(environment::hostName),
                tree.path("node_id").asText(""),
                tree.path("datacenter").asText(),
                text(tree, "primary_datacenter").orElse(tree.path("datacenter").asText()),
                tree.path("domain").asText(),
                dataDir,
                server,
                dev,
                tree.path("bootstrap").asBoolean(),
                tree.path("bootstrap_expect").asInt(),
                bindAddr,
                clientAddr,
                advertiseAddr,
                ports(tree.path("ports")),
                strings(tree.path("retry_join")),
                duration(tree, "retry_interval"),
                tree.path("retry_max").asInt(),
                tree.path("log_level").asText(),
                text(tree, "encrypt"),
                tree.path("leave_on_terminate").asBoolean(!server),
                tree.path("rejoin_after_leave").asBoolean(),
                tree.path("ui").asBoolean() || tree.path("ui_config").path("enabled").asBoolean(),
                RECORDS.convertValue(tree.withObjectProperty("node_meta"), new TypeReference<Map<String, String>>() { }),
                dataDirTemporary,
                text(tree, "alt_domain"),
                new Addresses(addresses.path("http").asText(clientAddr), addresses.path("https").asText(clientAddr),
                        addresses.path("dns").asText(clientAddr), addresses.path("grpc").asText(clientAddr)),
                text(tree, "advertise_addr_wan").orElse(advertiseAddr),
                tree.path("translate_wan_addrs").asBoolean(),
                strings(tree.path("retry_join_wan")),
                duration(tree, "reconnect_timeout"),
                tree.path("skip_leave_on_interrupt").asBoolean(server),
                text(tree, "pid_file"),
                tls(tree.withObjectProperty("tls")),
                record(tree, "auto_encrypt", AutoEncrypt.class),
                record(tree, "performance", Performance.class),
                record(tree, "dns_config", DnsConfig.class),
                strings(tree.path("recursors")),
                record(tree, "limits", Limits.class),
                record(tree, "telemetry", Telemetry.class),
                record(tree, "acl", Acl.class),
                duration(tree, "session_ttl_min"),
                duration(tree, "default_query_time"),
                duration(tree, "max_query_time"),
                tree.path("enable_script_checks").asBoolean(),
                tree.path("enable_local_script_checks").asBoolean(),
                services(tree),
                List.of(RECORDS.convertValue(tree.withArrayProperty("checks"), CheckDefinition[].class)));
    }

    /** The {@code services} of a checked tree (a {@code service} block was already made the first of them). */
    static List<ServiceDefinition> services(ObjectNode tree) {
        return List.of(RECORDS.convertValue(tree.withArrayProperty("services"), ServiceDefinition[].class));
    }

    private void checkRules(ObjectNode tree, boolean server, boolean dev, Problems problems) {
        int bootstrapExpect = tree.path("bootstrap_expect").asInt();
        if (!dev && tree.path("data_dir").asText("").isEmpty()) {
            problems.error("data_dir cannot be empty");
        }
        if (bootstrapExpect > 0 && tree.path("bootstrap").asBoolean()) {
            problems.error("'bootstrap_expect = " + bootstrapExpect + "' and 'bootstrap = true' are mutually exclusive");
        }
        if (bootstrapExpect > 0 && !server) {
            problems.error("'bootstrap_expect > 0' requires 'server = true'");
        }
        if (tree.path("bootstrap").asBoolean() && !server) {
            problems.error("'bootstrap = true' requires 'server = true'");
        }
        if (tree.path("auto_encrypt").path("tls").asBoolean() && server) {
            problems.error("auto_encrypt.tls can only be used on client agents; servers use auto_encrypt.allow_tls");
        }
        if (tree.path("auto_encrypt").path("tls").asBoolean() && !server && !hasCa(tree.path("tls"))) {
            // the client checks the servers it asks for a certificate with this CA; nothing else vouches for them
            problems.error("auto_encrypt.tls requires a CA to check the servers with: tls.defaults.ca_file or "
                    + "ca_path (or tls.internal_rpc's; the top-level ca_file is the same)");
        }
        if (tree.path("auto_encrypt").path("allow_tls").asBoolean() && !server) {
            problems.error("auto_encrypt.allow_tls can only be used on servers");
        }
        if (bootstrapExpect == 1 && server) {
            problems.warning("bootstrap_expect = 1 is the same as bootstrap = true");
        } else if (bootstrapExpect > 1 && bootstrapExpect % 2 == 0) {
            problems.warning("bootstrap_expect = " + bootstrapExpect + " is even; an odd number of servers tolerates as many failures with one server fewer");
        }
        if (tree.path("datacenter").asText().isEmpty()) {
            problems.error("datacenter cannot be empty");
        }
    }

    private static boolean hasCa(JsonNode tls) {
        return Stream.of("defaults", "internal_rpc").map(tls::path)
                .anyMatch(block -> !block.path("ca_file").asText("").isEmpty() || !block.path("ca_path").asText("").isEmpty());
    }

    /** {@code internal_rpc}, {@code https} and {@code grpc} start from {@code defaults}. */
    private static Tls tls(ObjectNode tls) {
        ObjectNode defaults = tls.withObjectProperty("defaults");
        for (String specific : List.of("internal_rpc", "https", "grpc")) {
            tls.set(specific, Trees.merge(defaults.deepCopy(), tls.withObjectProperty(specific)));
        }
        return RECORDS.convertValue(tls, Tls.class);
    }

    private static Ports ports(JsonNode ports) {
        return new Ports(ports.path("http").asInt(), ports.path("https").asInt(), ports.path("dns").asInt(),
                ports.path("server").asInt(), ports.path("serf_lan").asInt(), ports.path("serf_wan").asInt(),
                ports.path("grpc").asInt(), ports.path("raft").asInt(), ports.path("shell").asInt());
    }

    private static <T> T record(ObjectNode tree, String key, Class<T> type) {
        return RECORDS.convertValue(tree.withObjectProperty(key), type);
    }

    private static Optional<String> text(JsonNode tree, String key) {
        return Optional.ofNullable(tree.get(key)).map(JsonNode::asText).filter(text -> !text.isEmpty());
    }

    private static Duration duration(JsonNode tree, String key) {
        return GoDuration.parse(tree.path(key).asText());
    }

    private static List<String> strings(JsonNode list) {
        return List.of(RECORDS.convertValue(list.isMissingNode() ? ValueType.NODES.arrayNode() : list, String[].class));
    }
}
