package io.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.ConfigException;
import io.cairn.api.config.Ports;

class ConfigLoaderTest {

    private static final Path TEMP = Path.of("/tmp/cairn-dev-test");

    /** A fixed host, so that runtime defaults are predictable. */
    private static final Environment HOST = new Environment() {
        @Override
        public String hostName() {
            return "testhost";
        }

        @Override
        public Optional<String> privateIpv4() {
            return Optional.of("192.168.1.7");
        }

        @Override
        public Path temporaryDataDir() {
            return TEMP;
        }
    };

    private final ConfigLoader loader = new ConfigLoader(HOST);

    static String fixture(String name) {
        try {
            return Path.of(ConfigLoaderTest.class.getResource("/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private LoadedConfig load(String... args) throws ConfigException {
        return loader.load(List.of(args));
    }

    private List<String> errorsOf(String... args) {
        return catchThrowableOfType(ConfigException.class, () -> load(args)).problems();
    }

    @Test
    void classicServerConfigLoadsUnchanged() throws ConfigException {
        LoadedConfig loaded = load("-config-file", fixture("deployment/server1.json"));
        AgentConfig config = loaded.config();

        assertThat(config.server()).isTrue();
        assertThat(config.nodeName()).isEqualTo("server1");
        assertThat(config.bootstrapExpect()).isEqualTo(3);
        assertThat(config.bindAddr()).isEqualTo("10.0.0.1");
        assertThat(config.advertiseAddr()).isEqualTo("10.0.0.1");
        assertThat(config.clientAddr()).isEqualTo("0.0.0.0");
        assertThat(config.retryJoin()).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(config.encrypt()).contains("pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=");
        assertThat(config.ports()).isEqualTo(new Ports(8500, 8501, 8600, 8300, 8301, 8302, -1, 8303));
        assertThat(config.serverRpcAddress()).isEqualTo("10.0.0.1:8300");
        assertThat(config.tls().defaults().verifyIncoming()).isTrue();
        assertThat(config.tls().internalRpc().verifyServerHostname()).isTrue();
        assertThat(config.tls().internalRpc().caFile()).isEqualTo("consul-agent-ca.pem");
        assertThat(config.tls().https().certFile()).isEqualTo("dc1-server-consul-0.pem");
        assertThat(config.autoEncrypt().allowTls()).isTrue();
        assertThat(config.performance().raftMultiplier()).isEqualTo(1);
        assertThat(config.leaveOnTerminate()).isFalse();
        assertThat(config.ui()).isTrue();
        assertThat(config.dev()).isFalse();
        assertThat(loaded.warnings()).anyMatch(w -> w.contains("server1.json: verify_incoming: deprecated, use tls.defaults.verify_incoming"));
    }

    @Test
    void classicClientConfigLoadsUnchanged() throws ConfigException {
        LoadedConfig loaded = load("-config-file=" + fixture("deployment/client.json"));
        AgentConfig config = loaded.config();

        assertThat(config.server()).isFalse();
        assertThat(config.leaveOnTerminate()).isTrue();
        assertThat(config.retryJoin()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(config.autoEncrypt().tls()).isTrue();
        assertThat(config.services()).singleElement().satisfies(web -> {
            assertThat(web.id()).isEqualTo("web");
            assertThat(web.port()).isEqualTo(8080);
            assertThat(web.tags()).containsExactly("v1");
            assertThat(web.checks()).singleElement().satisfies(check -> {
                assertThat(check.http()).isEqualTo("http://localhost:8080/health");
                assertThat(check.interval()).isEqualTo(Duration.ofSeconds(10));
            });
        });
        assertThat(loaded.warnings()).anyMatch(w -> w.contains("client.json: start_join: deprecated, use retry_join"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"server1", "server2", "server3", "client"})
    void hclAndJsonGiveTheSameConfig(String node) throws ConfigException {
        AgentConfig json = load("-config-file", fixture("deployment/" + node + ".json")).config();
        AgentConfig hcl = load("-config-file", fixture("deployment/" + node + ".hcl")).config();
        assertThat(hcl).isEqualTo(json);
    }

    @Test
    void configDirMergesInAlphabeticalOrderAndSkipsOtherFiles() throws ConfigException {
        LoadedConfig loaded = load("-config-dir", fixture("confdir"));
        AgentConfig config = loaded.config();

        assertThat(config.logLevel()).as("20-override.hcl is read last").isEqualTo("DEBUG");
        assertThat(config.datacenter()).isEqualTo("east");
        assertThat(config.ports().dns()).isEqualTo(53);
        assertThat(config.retryJoin()).as("lists append").containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(config.nodeMeta()).as("maps merge").isEqualTo(Map.of("rack", "r1", "zone", "z1"));
        assertThat(loaded.warnings()).anyMatch(w -> w.contains("README.md: skipped"));
    }

    @Test
    void flagsOverrideFiles() throws ConfigException {
        AgentConfig config = load("-config-dir", fixture("confdir"), "--log-level=info", "-http-port", "18500",
                "-retry-join=10.0.0.9", "-node", "n1", "-datacenter=west").config();

        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.ports().http()).isEqualTo(18500);
        assertThat(config.retryJoin()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.9");
        assertThat(config.nodeName()).isEqualTo("n1");
        assertThat(config.datacenter()).isEqualTo("west");
    }

    @Test
    void everyBadKeyIsReportedWithFileKeyAndWhatIsAllowed() {
        List<String> errors = errorsOf("-config-file", fixture("bad-keys.json"));

        assertThat(errors).hasSize(6);
        assertThat(errors).anyMatch(e -> e.endsWith("bad-keys.json: ports.htp: unknown key; allowed: "
                + "http, https, dns, server, serf_lan, serf_wan, grpc, raft, shell"));
        assertThat(errors).anyMatch(e -> e.endsWith("bad-keys.json: ports.https: must be a port 1..65535, or -1 to disable, got 70000"));
        assertThat(errors).anyMatch(e -> e.endsWith("bad-keys.json: server: must be true or false"));
        assertThat(errors).anyMatch(e -> e.endsWith("bad-keys.json: encrypt: must be the base64 encoding of a 16, 24 or 32-byte key (as made by 'cairn keygen')"));
        assertThat(errors).anyMatch(e -> e.contains("bad-keys.json: retry_interval: must be a duration"));
        assertThat(errors).anyMatch(e -> e.contains("bad-keys.json: bogus: unknown key; allowed: node_name, node_id"));
    }

    @Test
    void bootstrapAndBootstrapExpectAreMutuallyExclusive() {
        assertThat(errorsOf("-config-file", fixture("bootstrap-both.json")))
                .containsExactly("'bootstrap_expect = 3' and 'bootstrap = true' are mutually exclusive");
    }

    @Test
    void autoEncryptOnAClientNeedsACaToCheckTheServers() {
        assertThat(errorsOf("-config-file", fixture("auto-encrypt-no-ca.json"))).containsExactly(
                "auto_encrypt.tls requires a CA to check the servers with: tls.defaults.ca_file or ca_path "
                        + "(or tls.internal_rpc's; the top-level ca_file is the same)");
    }

    @Test
    void bootstrapExpectNeedsAServer() {
        assertThat(errorsOf("-data-dir=/tmp/x", "-bootstrap-expect=3"))
                .containsExactly("'bootstrap_expect > 0' requires 'server = true'");
    }

    @Test
    void dataDirIsRequiredOutsideDevMode() {
        assertThat(errorsOf("-server")).containsExactly("data_dir cannot be empty");
    }

    @Test
    void configFileMustBeJsonOrHcl() {
        assertThat(errorsOf("-config-file", fixture("config.yaml")))
                .singleElement().asString().endsWith("config.yaml: config files must end in .json or .hcl");
    }

    @Test
    void syntaxErrorsNameTheFile() {
        assertThat(errorsOf("-config-file", fixture("broken.json"), "-config-file", fixture("broken.hcl")))
                .satisfiesExactly(
                        json -> assertThat(json).contains("broken.json: invalid JSON:", "line 1"),
                        hcl -> assertThat(hcl).contains("broken.hcl: invalid HCL:", "line: 3"));
    }

    @Test
    void flagValuesAreCheckedLikeFileValues() {
        assertThat(errorsOf("-dev", "-http-port=0", "-encrypt", "nope", "-serf-lan-port=x")).containsExactlyInAnyOrder(
                "command line: -serf-lan-port: must be an integer, got \"x\"",
                "command line: ports.http: must be a port 1..65535, or -1 to disable, got 0",
                "command line: encrypt: must be the base64 encoding of a 16, 24 or 32-byte key (as made by 'cairn keygen')");
    }

    @Test
    void devModeIsASingleLocalServerWithATemporaryDataDir() throws ConfigException {
        AgentConfig config = load("-dev").config();

        assertThat(config.dev()).isTrue();
        assertThat(config.server()).isTrue();
        assertThat(config.bootstrap()).isTrue();
        assertThat(config.bindAddr()).isEqualTo("127.0.0.1");
        assertThat(config.clientAddr()).isEqualTo("127.0.0.1");
        assertThat(config.advertiseAddr()).isEqualTo("127.0.0.1");
        assertThat(config.nodeName()).isEqualTo("testhost");
        assertThat(config.nodeId()).isEmpty();
        assertThat(config.datacenter()).isEqualTo("dc1");
        assertThat(config.domain()).isEqualTo("consul.");
        assertThat(config.ui()).isTrue();
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(config.dataDir()).isEqualTo(TEMP.toString());
        assertThat(config.dataDirTemporary()).isTrue();
        assertThat(config.ports().http()).isEqualTo(8500);
        assertThat(config.retryInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void devModeKeepsAGivenDataDir() throws ConfigException {
        AgentConfig config = load("-dev", "-data-dir", "/var/cairn").config();
        assertThat(config.dataDir()).isEqualTo("/var/cairn");
        assertThat(config.dataDirTemporary()).isFalse();
    }

    @Test
    void advertiseDefaultsToAPrivateAddressWhenBoundToAll() throws ConfigException {
        AgentConfig config = load("-data-dir=/x").config();
        assertThat(config.bindAddr()).isEqualTo("0.0.0.0");
        assertThat(config.advertiseAddr()).isEqualTo("192.168.1.7");
        assertThat(config.dnsConfig().udpAnswerLimit()).isEqualTo(3);
        assertThat(config.acl().defaultPolicy()).isEqualTo("allow");
        assertThat(config.sessionTtlMin()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void validateReportsEveryFileProblem() {
        ValidationResult result = loader.validate(List.of(Path.of(fixture("bad-keys.json")), Path.of(fixture("config.yaml"))));
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).hasSize(7);

        assertThat(loader.validate(List.of(Path.of(fixture("deployment"))))).satisfies(deployment ->
                assertThat(deployment.errors()).as("server and client files mixed").isNotEmpty());
        assertThat(loader.validate(List.of(Path.of(fixture("deployment/server2.hcl")))).valid()).isTrue();
    }
}
