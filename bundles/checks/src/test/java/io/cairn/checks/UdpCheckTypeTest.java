package io.cairn.checks;

import static io.cairn.plugins.testkit.CheckDefinitions.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.plugins.testkit.CheckTypeConformance;

/** The UDP check against a bound datagram socket on 127.0.0.110 and a closed port (ICMP port unreachable). */
class UdpCheckTypeTest extends CheckTypeConformance {

    private static final String HOST = "127.0.0.110";
    private static DatagramSocket bound;
    private static UdpCheckType type;

    @BeforeAll
    static void bind() throws SocketException, java.net.UnknownHostException {
        bound = new DatagramSocket(0, InetAddress.getByName(HOST));
        type = new UdpCheckType();
    }

    @AfterAll
    static void close() {
        type.close();
        bound.close();
    }

    private static int closedPort() throws SocketException, java.net.UnknownHostException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    @Override
    protected CheckType type() {
        return type;
    }

    @Override
    protected CheckDefinition passing() {
        return check("dns").udp(HOST + ":" + bound.getLocalPort()).build();
    }

    @Override
    protected CheckDefinition failing() throws Exception {
        return check("dns").udp(HOST + ":" + closedPort()).build();
    }

    @Override
    protected Optional<CheckDefinition> malformed() {
        return Optional.of(check("dns").udp(HOST + ":notaport").build());
    }

    @Test
    void aSilentListenerIsSuccess() throws Exception {
        assertThat(runToEnd(passing()))
                .isEqualTo(CheckResult.passing("UDP connect " + HOST + ":" + bound.getLocalPort() + ": Success"));
    }

    @Test
    void aClosedPortIsCriticalAsRefused() throws Exception {
        int port = closedPort();
        assertThat(runToEnd(check("dns").udp(HOST + ":" + port).build()))
                .isEqualTo(CheckResult.critical("read udp " + HOST + ":" + port + ": connect: connection refused"));
    }
}
