package io.cairn.store;

import java.util.Optional;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.TlsSettings;
import io.cairn.api.tls.MutualTls;
import io.cairn.api.tls.TlsContexts;
import io.cairn.api.tls.TlsException;

/**
 * Raft traffic under {@code tls.internal_rpc}: every gRPC channel of the Raft server and of
 * its client (server to server, client to server, admin) is mutual TLS with the agent's
 * certificate, so nothing without a certificate of the CA (and, with
 * {@code verify_server_hostname}, without {@code server.<dc>.<domain>}) reaches the log.
 */
public final class RaftTls {

    private RaftTls() {
    }

    /** Whether this agent has a certificate for Raft: then Raft speaks mutual TLS only. */
    public static boolean configured(TlsSettings internalRpc) {
        return internalRpc.certFile() != null && internalRpc.keyFile() != null;
    }

    /** The agent's mutual TLS for Raft, empty when it has no certificate (plain Raft). */
    public static Optional<MutualTls> of(AgentConfig config, TlsContexts contexts) throws TlsException {
        TlsSettings internalRpc = config.tls().internalRpc();
        return configured(internalRpc) ? Optional.of(contexts.mutual(internalRpc, serverName(config))) : Optional.empty();
    }

    /** The name every server certificate of the data centre carries: {@code server.dc1.consul}. */
    public static String serverName(AgentConfig config) {
        return "server." + config.datacenter() + "." + domain(config);
    }

    /** The agents' DNS domain without its trailing dot: {@code consul}. */
    public static String domain(AgentConfig config) {
        return config.domain().endsWith(".")
                ? config.domain().substring(0, config.domain().length() - 1) : config.domain();
    }

    /** The Ratis parameters of a server and its client: TLS on every channel when given. */
    static Parameters parameters(Optional<MutualTls> tls) {
        Parameters parameters = new Parameters();
        tls.ifPresent(mutual -> {
            GrpcTlsConfig conf = GrpcTlsConfig.newBuilder()
                    .setKeyManager(mutual.keyManager())
                    .setTrustManager(mutual.trustManager())
                    .setMutualTls(true)
                    // the JDK's engine asks the managers at every handshake: what makes reload work
                    .setSslProvider(SslProvider.JDK)
                    .setProtocols(mutual.protocols())
                    .setCipherSuites(mutual.cipherSuites())
                    .build();
            GrpcConfigKeys.Server.setTlsConf(parameters, conf);
            GrpcConfigKeys.Client.setTlsConf(parameters, conf);
            GrpcConfigKeys.Admin.setTlsConf(parameters, conf);
        });
        return parameters;
    }
}
