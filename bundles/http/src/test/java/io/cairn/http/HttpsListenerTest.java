package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cairn.api.config.Ports;
import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.TlsContext;
import io.cairn.tls.AgentCa;
import io.cairn.tls.CaOptions;
import io.cairn.tls.CertificateFiles;
import io.cairn.tls.CertificateKind;
import io.cairn.tls.CertificateSpec;
import io.cairn.tls.Credentials;
import io.cairn.tls.Pem;
import io.cairn.tls.SslContexts;

/** HTTPS on the listener: client certificates required with verify_incoming, certificates reloaded in place. */
class HttpsListenerTest {

    @TempDir
    Path dir;

    private final HttpListener listener = new HttpListener(new RouteRegistry(), new QueryOptionsParser());
    private final HttpServerSettings httpsOnly = new HttpServerSettings(List.of("127.0.0.1"), Ports.DISABLED, 0, 1024, 10);

    @AfterEach
    void stop() {
        listener.close();
    }

    private CertificateFiles write(Credentials credentials, String prefix) throws Exception {
        CertificateFiles files = CertificateFiles.nextFree(dir, prefix);
        Pem.writeCertificate(files.certificate(), credentials.certificatePem());
        Pem.writePrivateKey(files.key(), credentials.keyPem());
        return files;
    }

    private static CertificateSpec spec(CertificateKind kind) {
        return CertificateSpec.of(kind, "dc1", "consul", Optional.empty(), List.of(), List.of(), 1);
    }

    private TlsContext serverContext(AgentCa ca) throws Exception {
        CertificateFiles server = write(ca.issue(spec(CertificateKind.SERVER)), "server");
        CertificateFiles caFile = write(ca.credentials(), "ca");
        return SslContexts.server(new TlsSettings(caFile.certificate().toString(), null,
                server.certificate().toString(), server.key().toString(), true, false, false, "TLSv1_2", null));
    }

    private SSLContext clientContext(AgentCa trusted, Optional<AgentCa> signer) throws Exception {
        CertificateFiles caFile = write(trusted.credentials(), "trusted");
        Optional<CertificateFiles> cert = signer.isEmpty() ? Optional.empty()
                : Optional.of(write(signer.get().issue(spec(CertificateKind.CLI)), "cli"));
        return SslContexts.client(Optional.of(caFile.certificate()), Optional.empty(), cert, true, Optional.empty());
    }

    private int get(SSLContext context) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://127.0.0.1:" + listener.httpsPorts().get(0) + "/v1/nothing");
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aClientCertificateOfTheCaIsRequired() throws Exception {
        AgentCa ca = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        AgentCa other = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        listener.apply(Optional.of(httpsOnly), Optional.of(serverContext(ca)));

        assertThat(listener.ports()).as("no plain HTTP").isEmpty();
        assertThat(get(clientContext(ca, Optional.of(ca)))).as("the route table answers").isEqualTo(404);
        assertThatThrownBy(() -> get(clientContext(ca, Optional.empty()))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(clientContext(ca, Optional.of(other)))).isInstanceOf(IOException.class);
    }

    @Test
    void newCertificatesServeWithoutARestart() throws Exception {
        AgentCa first = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        AgentCa second = AgentCa.create(CaOptions.defaults(), Clock.systemUTC());
        listener.apply(Optional.of(httpsOnly), Optional.of(serverContext(first)));
        int port = listener.httpsPorts().get(0);
        SSLContext withSecond = clientContext(second, Optional.of(second));
        assertThatThrownBy(() -> get(withSecond)).as("the second CA is not trusted yet").isInstanceOf(IOException.class);

        listener.apply(Optional.of(httpsOnly), Optional.of(serverContext(second)));

        assertThat(listener.httpsPorts()).containsExactly(port);
        assertThat(get(withSecond)).isEqualTo(404);
    }
}
