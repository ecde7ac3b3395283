package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

class AgentClientTlsTest {

    private static AgentClient client(HttpOptions flags, Map<String, String> env) throws CliException {
        return AgentClient.from(flags, env::get);
    }

    @Test
    void httpsComesFromTheAddressOrConsulHttpSsl() throws Exception {
        assertThat(client(new HttpOptions(), Map.of("CONSUL_HTTP_ADDR", "https://127.0.0.1:8501")).base())
                .hasToString("https://127.0.0.1:8501");
        assertThat(client(new HttpOptions(), Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:8501", "CONSUL_HTTP_SSL", "true")).base())
                .hasToString("https://127.0.0.1:8501");
        assertThat(client(new HttpOptions(), Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:8500")).base())
                .hasToString("http://127.0.0.1:8500");
    }

    @Test
    void flagsWinOverTheEnvironmentAndCairnOverConsul() throws Exception {
        HttpOptions flags = new HttpOptions();
        flags.tlsServerName = "server.dc1.consul";
        HttpsOptions https = HttpsOptions.from(flags, Map.of("CONSUL_TLS_SERVER_NAME", "other", "CONSUL_CACERT", "/consul/ca.pem",
                "CAIRN_CACERT", "/cairn/ca.pem", "CONSUL_HTTP_SSL_VERIFY", "false")::get);

        assertThat(https.serverName()).contains("server.dc1.consul");
        assertThat(https.caFile()).contains(Path.of("/cairn/ca.pem"));
        assertThat(https.verify()).isFalse();
    }

    @Test
    void aCertificateWithoutItsKeyIsAUserError() {
        assertThatThrownBy(() -> client(new HttpOptions(), Map.of("CONSUL_HTTP_ADDR", "https://127.0.0.1:8501",
                "CONSUL_CLIENT_CERT", "cli.pem")))
                .isInstanceOf(CliException.class).hasMessageContaining("-client-cert and -client-key");
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        assertThatThrownBy(() -> client(new HttpOptions(), Map.of("CONSUL_HTTP_ADDR", "https://127.0.0.1:8501",
                "CONSUL_CACERT", "/nonexistent/ca.pem")))
                .isInstanceOf(CliException.class).hasMessageContaining("/nonexistent/ca.pem");
    }

    @Test
    void tlsFailuresAreSaidAsGoSaysThem() {
        IOException refused = new IOException("closed", new SSLHandshakeException("Received fatal alert: certificate_required"));

        assertThat(TlsFailure.describe(refused)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("remote error: tls: certificate required"));
        assertThat(TlsFailure.describe(new SSLHandshakeException("PKIX path building failed: unable to find valid certification path")))
                .hasValueSatisfying(m -> assertThat(m).startsWith("x509: certificate signed by unknown authority"));
        assertThat(TlsFailure.describe(new IOException("Connection reset"))).isEmpty();
    }
}
