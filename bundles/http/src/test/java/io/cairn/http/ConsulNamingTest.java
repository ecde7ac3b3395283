package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsulNamingTest {

    private final ConsulNaming naming = new ConsulNaming();

    @ParameterizedTest
    @CsvSource({
            "id, ID",
            "name, Name",
            "serviceId, ServiceID",
            "checkId, CheckID",
            "nodeId, NodeID",
            "ttl, TTL",
            "http, HTTP",
            "tcp, TCP",
            "udp, UDP",
            "grpc, GRPC",
            "grpcUseTls, GRPCUseTLS",
            "tlsSkipVerify, TLSSkipVerify",
            "tlsServerName, TLSServerName",
            "h2ping, H2PING",
            "h2PingUseTls, H2PingUseTLS",
            "dockerContainerId, DockerContainerID",
            "dns, DNS",
            "rpc, RPC",
            "enableTagOverride, EnableTagOverride",
            "deregisterCriticalServiceAfter, DeregisterCriticalServiceAfter",
            "lockIndex, LockIndex",
            "createIndex, CreateIndex",
            "lTime, LTime",
            "serviceTaggedAddresses, ServiceTaggedAddresses",
            "identity, Identity",
            "idle, Idle",
            "Name, Name"})
    void pascalCaseWithConsulAcronyms(String javaName, String consulName) {
        assertThat(naming.translate(javaName)).isEqualTo(consulName);
    }
}
