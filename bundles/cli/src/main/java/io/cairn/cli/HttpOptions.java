package io.cairn.cli;

import picocli.CommandLine.Option;

/** The flags every command that talks to an agent takes (a picocli mixin), as Consul's CLI names them. */
public final class HttpOptions {

    @Option(names = "-http-addr", description = "Address of the agent's HTTP API (env CONSUL_HTTP_ADDR). Default: 127.0.0.1:8500")
    String httpAddr;

    @Option(names = "-token", description = "ACL token (env CONSUL_HTTP_TOKEN)")
    String token;

    AgentClient client() {
        return AgentClient.from(this, System::getenv);
    }
}
