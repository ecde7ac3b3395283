package io.cairn.store;

import java.util.List;

import io.cairn.api.consensus.ConsensusStore;
import io.cairn.api.consensus.RaftPeer;
import io.cairn.api.consensus.RaftStatus;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/** {@code /v1/status/*} and {@code /v1/operator/raft/configuration}: the Raft group as Consul shows it. */
public final class StatusEndpoint implements RouteProvider {

    /** Consul's Raft protocol version shown per server; Cairn speaks Ratis, the column stays for the CLI. */
    private static final String PROTOCOL_VERSION = "3";

    private final ConsensusStore consensus;

    public StatusEndpoint(ConsensusStore consensus) {
        this.consensus = consensus;
    }

    /** One row of {@code Servers}; the HTTP bundle writes the names in Consul's PascalCase. */
    public record ServerView(String id, String node, String address, boolean leader, String protocolVersion,
                             boolean voter) {
    }

    /** The body of {@code /v1/operator/raft/configuration}. */
    public record Configuration(List<ServerView> servers, long index) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/v1/status/leader",
                        request -> HttpResponse.json(consensus.status().leaderAddress().orElse("")).completed()),
                Route.get("/v1/status/peers",
                        request -> HttpResponse.json(consensus.status().peerAddresses()).completed()),
                Route.get("/v1/operator/raft/configuration",
                        request -> HttpResponse.json(configuration(consensus.status())).completed()));
    }

    static Configuration configuration(RaftStatus status) {
        List<ServerView> servers = status.peers().stream()
                .map((RaftPeer p) -> new ServerView(p.id(), p.node(), p.address(), p.leader(), PROTOCOL_VERSION, p.voter()))
                .toList();
        return new Configuration(servers, status.configurationIndex());
    }
}
