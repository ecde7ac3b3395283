package io.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cairn.api.http.Route;
import io.cairn.api.http.ServerRpcPaths;
import io.cairn.api.http.HttpResponse;

class ClientCertificateGateTest {

    private static final String SIGN = ServerRpcPaths.AUTO_ENCRYPT_SIGN;

    @Test
    void aPeerWithoutACertificateGetsTheSignRequestAndNothingElse() {
        ClientCertificateGate gate = new ClientCertificateGate(Set.of(SIGN));
        gate.enforce(true);

        assertThat(gate.admits(SIGN, false)).isTrue();
        assertThat(gate.admits("/v1/status/leader", false)).isFalse();
        assertThat(gate.admits("/v1/kv/a", false)).isFalse();
        assertThat(gate.admits(SIGN + "/", false)).isFalse();
        assertThat(gate.admits("/v1/internal/auto-encrypt/sign%2F..%2F..%2Fkv", false)).isFalse();
        assertThat(gate.admits("/v1/kv/a", true)).isTrue();
        assertThat(gate.admits(SIGN, true)).isTrue();
    }

    @Test
    void withoutEnforcementTheHandshakeDecidesAlone() {
        ClientCertificateGate gate = new ClientCertificateGate(Set.of(SIGN));
        assertThat(gate.admits("/v1/kv/a", false)).isTrue();
        gate.enforce(true);
        gate.enforce(false);
        assertThat(gate.admits("/v1/kv/a", false)).isTrue();
        assertThat(ClientCertificateGate.none().admits("/v1/kv/a", false)).isTrue();
    }

    @Test
    void theSignRequestIsServedOnServerRpcOnly() {
        Route sign = Route.put(SIGN, request -> HttpResponse.ok().completed());
        assertThat(ServerRpc.serves(sign)).isTrue();
        assertThat(ServerRpcPaths.rpcOnly(sign.path())).isTrue();
        assertThat(ServerRpcPaths.rpcOnly("/v1/kv/")).isFalse();
    }
}
