package io.cairn.cli;

import picocli.CommandLine.Option;

/** The flags every command that talks to an agent takes (a picocli mixin), as Consul's CLI names them. */
public final class HttpOptions {

    @Option(names = "-http-addr", description = "Address of the agent's HTTP API, https:// for HTTPS (env CONSUL_HTTP_ADDR). Default: 127.0.0.1:8500")
    String httpAddr;

    @Option(names = "-token", description = "ACL token (env CONSUL_HTTP_TOKEN)")
    String token;

    @Option(names = "-ca-file", description = "PEM file of the CA to verify the agent's certificate with (env CONSUL_CACERT)")
    String caFile;

    @Option(names = "-ca-path", description = "Directory of PEM CA files to verify the agent's certificate with (env CONSUL_CAPATH)")
    String caPath;

    @Option(names = "-client-cert", description = "PEM client certificate, for an agent with verify_incoming (env CONSUL_CLIENT_CERT)")
    String clientCert;

    @Option(names = "-client-key", description = "PEM key of -client-cert (env CONSUL_CLIENT_KEY)")
    String clientKey;

    @Option(names = "-tls-server-name", description = "The name the agent's certificate must carry, instead of the host dialled (env CONSUL_TLS_SERVER_NAME)")
    String tlsServerName;

    AgentClient client() throws CliException {
        return AgentClient.from(this, System::getenv);
    }
}
