package io.cairn.api.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cairn.api.config.CheckDefinition;

class CheckTypeTest {

    private static CheckDefinition withHttp(String url) {
        return new CheckDefinition("c", "c", null, null, null, List.of(), url, null, null, null, null, null, null,
                false, null, null, null, null, null, null, false, Duration.ofSeconds(10), null, null, null, 0, 0, 0, 0);
    }

    @Test
    void httpAndHttpsUrlsAreHttpChecks() {
        assertThat(CheckType.typeOf(withHttp("http://127.0.0.1:8080/health"))).isEqualTo("http");
        assertThat(CheckType.typeOf(withHttp("HTTPS://example.com/"))).isEqualTo("http");
    }

    @Test
    void anotherSchemeNamesAPluginType() {
        assertThat(CheckType.typeOf(withHttp("file:///run/ready"))).isEqualTo("file");
        assertThat(CheckType.typeOf(withHttp("Kafka-Lag://broker:9092/orders"))).isEqualTo("kafka-lag");
    }

    @Test
    void aUrlWithoutSchemeStaysAnHttpCheck() {
        // Consul fails these as HTTP checks; they must not turn into a type called "localhost"
        assertThat(CheckType.typeOf(withHttp("localhost:8080/health"))).isEqualTo("http");
        assertThat(CheckType.typeOf(withHttp("/health"))).isEqualTo("http");
        assertThat(CheckType.typeOf(withHttp("9ab://x"))).isEqualTo("http");
    }
}
