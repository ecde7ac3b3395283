package io.cairn.checks;

import static io.cairn.plugins.testkit.CheckDefinitions.check;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cairn.api.check.CheckResult;
import io.cairn.api.check.CheckType;
import io.cairn.api.config.CheckDefinition;
import io.cairn.plugins.testkit.CheckTypeConformance;

/** The TCP check against a listening socket on 127.0.0.110 and a closed port beside it. */
class TcpCheckTypeTest extends CheckTypeConformance {

    private static final String HOST = "127.0.0.110";
    private static ServerSocket listening;
    private static TcpCheckType type;

    @BeforeAll
    static void listen() throws IOException {
        // a backlog that never fills: accepted connections are left to the kernel queue
        listening = new ServerSocket(0, 1000, InetAddress.getByName(HOST));
        type = new TcpCheckType();
    }

    @AfterAll
    static void close() throws IOException {
        type.close();
        listening.close();
    }

    /** A port on 127.0.0.110 nothing listens on (bound then released). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    @Override
    protected CheckType type() {
        return type;
    }

    @Override
    protected CheckDefinition passing() {
        return check("db").tcp(HOST + ":" + listening.getLocalPort()).build();
    }

    @Override
    protected CheckDefinition failing() throws IOException {
        return check("db").tcp(HOST + ":" + closedPort()).build();
    }

    @Override
    protected Optional<CheckDefinition> hanging() {
        // a non-routed address of TEST-NET-1: SYNs go unanswered (or the route fails at once)
        return Optional.of(check("db").tcp("192.0.2.1:9").timeout(Duration.ofSeconds(1)).build());
    }

    @Override
    protected Optional<CheckDefinition> malformed() {
        return Optional.of(check("db").tcp(HOST).build());
    }

    @Test
    void aConnectionIsSuccess() throws Exception {
        String target = HOST + ":" + listening.getLocalPort();
        assertThat(runToEnd(passing())).isEqualTo(CheckResult.passing("TCP connect " + target + ": Success"));
    }

    @Test
    void aRefusedConnectionIsCriticalInGosWords() throws Exception {
        int port = closedPort();
        assertThat(runToEnd(check("db").tcp(HOST + ":" + port).build())).isEqualTo(
                CheckResult.critical("dial tcp " + HOST + ":" + port + ": connect: connection refused"));
    }

    @Test
    void anAddressWithoutPortSaysSo() throws Exception {
        assertThat(runToEnd(malformed().orElseThrow()).output())
                .isEqualTo("dial tcp " + HOST + ": address " + HOST + ": missing port in address");
    }
}
