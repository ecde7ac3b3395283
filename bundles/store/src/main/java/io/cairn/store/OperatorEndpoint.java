package io.cairn.store;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.cairn.api.consensus.ConsensusStore;
import io.cairn.api.consensus.RaftPeer;
import io.cairn.api.consensus.RaftStatus;
import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;

/**
 * The Raft operator's endpoints: {@code DELETE /v1/operator/raft/peer?address=|id=} (the
 * manual path for a dead server, what {@code cairn operator raft remove-peer} calls) and
 * {@code GET /v1/operator/autopilot/health} (each server's last index, what
 * {@code list-peers} shows as Commit Index and Trails Leader By).
 */
public final class OperatorEndpoint implements RouteProvider {

    private final ConsensusStore consensus;
    private final Autopilot.Group group;
    private final Supplier<Map<String, Long>> lastIndexes;
    private final Executor executor;

    /**
     * @param lastIndexes each peer's last index as this server knows it (all of them on the leader)
     * @param executor    runs the blocking configuration change
     */
    public OperatorEndpoint(ConsensusStore consensus, Autopilot.Group group, Supplier<Map<String, Long>> lastIndexes,
                            Executor executor) {
        this.consensus = consensus;
        this.group = group;
        this.lastIndexes = lastIndexes;
        this.executor = executor;
    }

    /** One server of {@code Servers} in the autopilot health answer. */
    public record ServerHealth(String id, String name, String address, boolean leader, boolean voter, long lastTerm,
                               long lastIndex, boolean healthy) {
    }

    /** The body of {@code /v1/operator/autopilot/health}. */
    public record Health(boolean healthy, int failureTolerance, List<ServerHealth> servers) {
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("/v1/operator/raft/peer", Set.of("DELETE"), this::removePeer),
                Route.get("/v1/operator/autopilot/health", request -> HttpResponse.json(health()).completed()));
    }

    private CompletableFuture<HttpResponse> removePeer(HttpRequest request) throws HttpException {
        Optional<String> address = request.param("address").filter(a -> !a.isEmpty());
        Optional<String> id = request.param("id").filter(i -> !i.isEmpty());
        if (address.isPresent() == id.isPresent()) {
            throw HttpException.badRequest("Must specify either ?id with the server's ID or ?address with IP:port of peer to remove");
        }
        List<RaftPeer> peers = consensus.status().peers();
        Optional<RaftPeer> peer = peers.stream()
                .filter(p -> address.map(a -> a.equals(p.address()) || a.equals(p.raftAddress()))
                        .orElseGet(() -> id.get().equals(p.id())))
                .findFirst();
        if (peer.isEmpty()) {
            throw new HttpException(500, address.map(a -> "address \"" + a + "\"").orElse("id \"" + id.get() + "\"")
                    + " was not found in the Raft configuration");
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                group.reconfigure(List.of(), List.of(peer.get().id()));
                return HttpResponse.ok();
            } catch (IOException e) {
                throw new CompletionException(new HttpException(500, "Could not remove peer: " + e.getMessage()));
            }
        }, executor);
    }

    Health health() {
        RaftStatus status = consensus.status();
        Map<String, Long> indexes = lastIndexes.get();
        List<ServerHealth> servers = status.peers().stream()
                .map(p -> new ServerHealth(p.id(), p.node(), p.address(), p.leader(), p.voter(), status.term(),
                        indexes.getOrDefault(p.id(), 0L), indexes.containsKey(p.id())))
                .toList();
        long healthy = servers.stream().filter(ServerHealth::healthy).count();
        int quorum = status.peers().size() / 2 + 1;
        return new Health(status.leaderAddress().isPresent() && healthy >= quorum, (int) Math.max(0, healthy - quorum), servers);
    }
}
