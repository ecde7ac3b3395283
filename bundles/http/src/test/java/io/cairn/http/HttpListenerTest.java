package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.cairn.api.config.Ports;

class HttpListenerTest {

    private static HttpServerSettings on(String host, int port) {
        return new HttpServerSettings(List.of(host), port, Ports.DISABLED, 1024, 10);
    }

    @Test
    void startsRestartsOnChangeAndStops() throws Exception {
        try (HttpListener listener = new HttpListener(new RouteRegistry(), new QueryOptionsParser())) {
            assertThat(listener.ports()).isEmpty();

            listener.apply(Optional.of(on("127.0.0.1", 0)));
            List<Integer> first = listener.ports();
            assertThat(first).hasSize(1);

            listener.apply(Optional.of(on("127.0.0.1", 0)));
            assertThat(listener.ports()).as("same settings keep the same listener").isEqualTo(first);

            int free;
            try (ServerSocket probe = new ServerSocket(0)) {
                free = probe.getLocalPort();
            }
            listener.apply(Optional.of(on("127.0.0.1", free)));
            assertThat(listener.ports()).containsExactly(free);

            listener.apply(Optional.empty());
            assertThat(listener.ports()).isEmpty();
        }
    }

    @Test
    void aPortInUseLeavesItStoppedUntilTheNextApply() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
             HttpListener listener = new HttpListener(new RouteRegistry(), new QueryOptionsParser())) {
            listener.apply(Optional.of(on("127.0.0.1", taken.getLocalPort())));
            assertThat(listener.ports()).isEmpty();

            listener.apply(Optional.of(on("127.0.0.1", 0)));
            assertThat(listener.ports()).hasSize(1);
        }
    }
}
