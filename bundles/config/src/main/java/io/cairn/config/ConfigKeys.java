package io.cairn.config;

import static io.cairn.config.ValueType.BOOL;
import static io.cairn.config.ValueType.DURATION;
import static io.cairn.config.ValueType.GOSSIP_KEY;
import static io.cairn.config.ValueType.PORT;
import static io.cairn.config.ValueType.TEXT;
import static io.cairn.config.ValueType.TEXT_LIST;
import static io.cairn.config.ValueType.TEXT_MAP;
import static io.cairn.config.ValueType.UUID_TEXT;
import static io.cairn.config.ValueType.integer;
import static io.cairn.config.ValueType.listOf;
import static io.cairn.config.ValueType.mapOf;
import static io.cairn.config.ValueType.number;
import static io.cairn.config.ValueType.oneOf;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every key a config file may hold, Consul's names and nesting, with its type. The legacy
 * top-level TLS keys and {@code start_join} are deprecated aliases of their new homes.
 * Some keys are accepted for compatibility and have no effect in Cairn (marked below).
 */
final class ConfigKeys {

    private ConfigKeys() {
    }

    private static final ValueType IP = ValueType.matching(
            Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"), "an IPv4 or IPv6 address");
    /** {@code client_addr} may name several addresses, space-separated. */
    private static final ValueType IPS = ValueType.matching(
            Pattern.compile("[0-9a-fA-F:.]+( +[0-9a-fA-F:.]+)*"), "IP addresses separated by spaces");
    /** Consul's datacenter rule: lowercase letters, digits, '-' and '_'. */
    private static final ValueType DATACENTER = ValueType.matching(
            Pattern.compile("[a-z0-9_-]+"), "lowercase letters, digits, '-' and '_'");
    private static final ValueType LOG_LEVEL = oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERR", "ERROR");
    private static final ValueType TLS_VERSION = oneOf("TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3");
    /** The pre-1.12 spelling, "tls12", stored as the new one, "TLSv1_2". */
    private static final ValueType LEGACY_TLS_VERSION = (value, where) -> {
        JsonNode legacy = oneOf("tls10", "tls11", "tls12", "tls13").check(value, where);
        return legacy == null ? null : ValueType.NODES.textNode("TLSv1_" + legacy.asText().charAt(4));
    };
    private static final ValueType COUNT = integer(0, Integer.MAX_VALUE);
    private static final ValueType POSITIVE = integer(1, Integer.MAX_VALUE);

    private static final Block PORTS = new Block()
            .key("http", PORT).key("https", PORT).key("dns", PORT).key("server", PORT)
            .key("serf_lan", PORT).key("serf_wan", PORT).key("grpc", PORT).key("raft", PORT)
            // Cairn's own: Karaf's SSH console on the client address (off by default)
            .key("shell", PORT);

    private static Block tlsSettings() {
        return new Block()
                .key("ca_file", TEXT).key("ca_path", TEXT).key("cert_file", TEXT).key("key_file", TEXT)
                .key("verify_incoming", BOOL).key("verify_outgoing", BOOL)
                .key("tls_min_version", TLS_VERSION).key("tls_cipher_suites", TEXT);
    }

    private static final Block TLS = new Block()
            .key("defaults", tlsSettings())
            .key("internal_rpc", tlsSettings().key("verify_server_hostname", BOOL))
            .key("https", tlsSettings())
            .key("grpc", tlsSettings().key("use_auto_cert", BOOL));

    private static final Block CHECK = new Block()
            .key("id", TEXT).alias("check_id", TEXT, "id").key("name", TEXT).key("notes", TEXT)
            .key("service_id", TEXT).key("status", oneOf("passing", "warning", "critical"))
            .key("args", TEXT_LIST).alias("script_args", TEXT_LIST, "args")
            .key("http", TEXT).key("method", TEXT).key("header", mapOf(TEXT_LIST)).key("body", TEXT)
            .key("tcp", TEXT).key("udp", TEXT).key("grpc", TEXT).key("grpc_use_tls", BOOL).key("h2ping", TEXT)
            .key("h2ping_use_tls", BOOL)
            .key("docker_container_id", TEXT).key("shell", TEXT)
            .key("alias_node", TEXT).key("alias_service", TEXT)
            .key("tls_server_name", TEXT).key("tls_skip_verify", BOOL)
            .key("interval", DURATION).key("timeout", DURATION).key("ttl", DURATION)
            .key("deregister_critical_service_after", DURATION)
            .key("success_before_passing", COUNT).key("failures_before_warning", COUNT)
            .key("failures_before_critical", COUNT).key("output_max_size", POSITIVE);

    private static final Block SERVICE = new Block()
            .key("id", TEXT).key("name", TEXT).key("kind", TEXT).key("tags", TEXT_LIST)
            .key("address", TEXT).key("port", integer(0, 65535)).key("meta", TEXT_MAP)
            .key("enable_tag_override", BOOL)
            .key("weights", new Block().key("passing", POSITIVE).key("warning", POSITIVE))
            .key("token", TEXT)
            .key("checks", CHECK.list()).alias("check", CHECK.list(), "checks");

    private static final Block DNS_CONFIG = new Block()
            .key("allow_stale", BOOL).key("max_stale", DURATION)
            .key("node_ttl", DURATION).key("service_ttl", mapOf(DURATION))
            .key("udp_answer_limit", POSITIVE).key("a_record_limit", COUNT)
            .key("enable_truncate", BOOL).key("only_passing", BOOL)
            .key("recursor_timeout", DURATION).key("disable_compression", BOOL)
            .key("enable_additional_node_meta_txt", BOOL);

    private static final Block LIMITS = new Block()
            .key("http_max_conns_per_client", COUNT).key("https_handshake_timeout", DURATION)
            .key("rpc_handshake_timeout", DURATION).key("rpc_client_timeout", DURATION)
            .key("rpc_max_conns_per_client", COUNT).key("rpc_rate", number(0)).key("rpc_max_burst", POSITIVE)
            .key("kv_max_value_size", integer(1, Long.MAX_VALUE)).key("txn_max_req_len", integer(1, Long.MAX_VALUE));

    private static final Block TELEMETRY = new Block()
            .key("disable_hostname", BOOL).key("prometheus_retention_time", DURATION)
            .key("statsd_address", TEXT).key("statsite_address", TEXT)
            .key("dogstatsd_addr", TEXT).key("dogstatsd_tags", TEXT_LIST).key("metrics_prefix", TEXT);

    private static final Block ACL = new Block()
            .key("enabled", BOOL).key("default_policy", oneOf("allow", "deny"))
            .key("down_policy", oneOf("allow", "deny", "extend-cache", "async-cache"))
            .key("enable_token_persistence", BOOL).key("enable_token_replication", BOOL)
            .key("token_ttl", DURATION).key("policy_ttl", DURATION).key("role_ttl", DURATION)
            .key("tokens", new Block()
                    .key("initial_management", TEXT).deprecated("master", TEXT, "initial_management")
                    .key("agent", TEXT)
                    .key("agent_recovery", TEXT).deprecated("agent_master", TEXT, "agent_recovery")
                    .alias("default", TEXT, "default_token").key("replication", TEXT));

    /** The top level of a config file. */
    static final Block AGENT = new Block()
            .key("node_name", TEXT).key("node_id", UUID_TEXT).key("node_meta", TEXT_MAP)
            .key("datacenter", DATACENTER).key("primary_datacenter", DATACENTER)
            .key("domain", TEXT).key("alt_domain", TEXT)
            .key("data_dir", TEXT).key("pid_file", TEXT)
            .key("server", BOOL).key("bootstrap", BOOL).key("bootstrap_expect", COUNT)
            .key("bind_addr", IP).key("client_addr", IPS).key("advertise_addr", IP)
            .key("advertise_addr_wan", IP).key("translate_wan_addrs", BOOL)
            .key("addresses", new Block().key("http", IPS).key("https", IPS).key("dns", IPS).key("grpc", IPS))
            .key("ports", PORTS)
            .key("retry_join", TEXT_LIST).deprecated("start_join", TEXT_LIST, "retry_join")
            .key("retry_interval", DURATION).key("retry_max", COUNT)
            .key("retry_join_wan", TEXT_LIST).deprecated("start_join_wan", TEXT_LIST, "retry_join_wan")
            .key("retry_interval_wan", DURATION).key("retry_max_wan", COUNT)
            .key("rejoin_after_leave", BOOL).key("leave_on_terminate", BOOL).key("skip_leave_on_interrupt", BOOL)
            .key("reconnect_timeout", DURATION).key("reconnect_timeout_wan", DURATION)
            .key("encrypt", GOSSIP_KEY).key("encrypt_verify_incoming", BOOL).key("encrypt_verify_outgoing", BOOL)
            .key("tls", TLS)
            .deprecated("verify_incoming", BOOL, "tls.defaults.verify_incoming")
            .deprecated("verify_outgoing", BOOL, "tls.defaults.verify_outgoing")
            .deprecated("verify_server_hostname", BOOL, "tls.internal_rpc.verify_server_hostname")
            .deprecated("ca_file", TEXT, "tls.defaults.ca_file")
            .deprecated("ca_path", TEXT, "tls.defaults.ca_path")
            .deprecated("cert_file", TEXT, "tls.defaults.cert_file")
            .deprecated("key_file", TEXT, "tls.defaults.key_file")
            .deprecated("tls_cipher_suites", TEXT, "tls.defaults.tls_cipher_suites")
            .deprecated("tls_min_version", LEGACY_TLS_VERSION, "tls.defaults.tls_min_version")
            .key("auto_encrypt", new Block()
                    .key("allow_tls", BOOL).key("tls", BOOL).key("dns_san", TEXT_LIST).key("ip_san", TEXT_LIST))
            .key("log_level", LOG_LEVEL)
            .key("ui", BOOL).key("ui_config", new Block().key("enabled", BOOL).key("dir", TEXT).key("content_path", TEXT))
            .key("performance", new Block()
                    .key("raft_multiplier", integer(1, 10))
                    .key("leave_drain_time", DURATION).key("rpc_hold_timeout", DURATION))
            .key("dns_config", DNS_CONFIG).key("recursors", TEXT_LIST)
            .key("limits", LIMITS).key("telemetry", TELEMETRY).key("acl", ACL)
            .key("session_ttl_min", DURATION).key("default_query_time", DURATION).key("max_query_time", DURATION)
            .key("enable_script_checks", BOOL).key("enable_local_script_checks", BOOL)
            .key("services", SERVICE.list()).alias("service", SERVICE.list(), "services")
            .key("checks", CHECK.list()).alias("check", CHECK.list(), "checks")
            // accepted so that existing Consul configs load unchanged; no effect in Cairn
            .key("disable_update_check", BOOL).key("disable_remote_exec", BOOL).key("disable_host_node_id", BOOL)
            .key("enable_syslog", BOOL).key("syslog_facility", TEXT).key("log_file", TEXT).key("log_json", BOOL)
            .key("enable_debug", BOOL).key("raft_protocol", integer(3, 3))
            .key("connect", new Block().key("enabled", BOOL));
}
