package io.cairn.dns;

import static io.cairn.dns.DnsFixtures.defaults;
import static io.cairn.dns.DnsFixtures.query;
import static io.cairn.dns.DnsFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The listeners on a real socket, asked with dnsjava's resolver over UDP and TCP. */
class DnsServerTest {

    private static final String HOST = "127.0.0.70";

    private final FakeCatalog catalog = new FakeCatalog();
    private final ExecutorService recursion = Executors.newFixedThreadPool(2);
    private DnsServer server;
    private DnsServer upstream;

    DnsServerTest() {
        IntStream.range(0, 10).forEach(i -> catalog.node("n" + i, "10.0.0." + i, Map.of())
                .service("n" + i, service("web" + i, "web", List.of(), "", 8000 + i)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        recursion.shutdownNow();
    }

    private DnsServer start(DnsSettings settings) throws Exception {
        DnsServer started = new DnsServer(settings.hosts(), 0, new QueryHandler(settings, () -> Optional.of(catalog),
                new UpstreamRecursor(settings.recursors(), Duration.ofSeconds(2), recursion), Random::new,
                DnsFixtures.CLOCK), new ResponseFitter(settings.config().udpAnswerLimit(), settings.config().enableTruncate()));
        started.start();
        return started;
    }

    /** dnsjava's resolver sends EDNS0 (1232 bytes) unless told otherwise. */
    private static SimpleResolver resolver(DnsServer server, boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(HOST, server.ports().get(0)));
        resolver.setTCP(tcp);
        resolver.setEDNS(-1, 0, 0, List.of());
        resolver.setIgnoreTruncation(true);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver;
    }

    @Test
    void udpAnswersAtMostTheAnswerLimitAndTcpAnswersEverything() throws Exception {
        server = start(DnsFixtures.settings(defaults(), List.of()));
        Message udp = resolver(server, false).send(query("web.service.consul.", Type.A));
        assertThat(udp.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(udp.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(udp.getSection(Section.ANSWER)).hasSize(3);
        SimpleResolver edns = resolver(server, false);
        edns.setEDNS(0, 1232, 0, List.of());
        Message large = edns.send(query("web.service.consul.", Type.A));
        assertThat(large.getSection(Section.ANSWER)).hasSize(10);
        assertThat(large.getOPT()).isNotNull();
        Message tcp = resolver(server, true).send(query("web.service.consul.", Type.SRV));
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(10);
        assertThat(tcp.getSection(Section.ADDITIONAL)).hasSize(10);
    }

    @Test
    void namesOutsideTheDomainGoToTheRecursors() throws Exception {
        upstream = start(new DnsSettings(List.of(HOST), 0, Name.fromConstantString("upstream."),
                Optional.empty(), "dc1", "up", "10.9.9.9", defaults(), List.of()));
        catalog.node("far", "10.1.2.3", Map.of());
        InetSocketAddress dead = new InetSocketAddress(HOST, freeUdpPort());
        server = start(DnsFixtures.settings(defaults(),
                List.of(dead, new InetSocketAddress(HOST, upstream.ports().get(0)))));

        Message forwarded = resolver(server, false).send(query("far.node.upstream.", Type.A));
        assertThat(forwarded.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(forwarded.getSection(Section.ANSWER)).extracting(r -> r.rdataToString()).containsExactly("10.1.2.3");
        Message ours = resolver(server, false).send(query("web.service.consul.", Type.A));
        assertThat(ours.getHeader().getFlag(Flags.RA)).isTrue();
    }

    @Test
    void closingFreesThePort() throws Exception {
        server = start(DnsFixtures.settings(defaults(), List.of()));
        int port = server.ports().get(0);
        server.close();
        server = null;
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(HOST, port))) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    /** A port nothing listens on: the first recursor, which never answers. */
    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(HOST, 0))) {
            return socket.getLocalPort();
        }
    }
}
