package io.cairn.store;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.tls.MutualTls;

/**
 * Asks a data centre's servers, over Raft's own transport, whether its group runs already and
 * with which peers. A server with {@code bootstrap_expect} that finds one must not bootstrap a
 * group of its own (a replacement for a dead server, one whose storage was lost): the running
 * group's leader would order it to shut down the first time it campaigned. Consul's servers ask
 * each other the same (Status.Peers) before bootstrapping.
 */
public final class RunningGroup {

    private static final Logger LOG = LoggerFactory.getLogger(RunningGroup.class);
    /** Per server asked; a dead one refuses at once on a LAN, a paused one costs this. */
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);

    private RunningGroup() {
    }

    /**
     * The peers (node names) of the group as the first server that runs it has them; empty when
     * none of {@code servers} runs it (not started yet, waiting to bootstrap, unreachable) or
     * the one that does is itself waiting to be added (no peers).
     */
    public static Optional<Set<String>> peers(String datacenter, List<ServerCandidate> servers, Optional<MutualTls> tls) {
        RaftGroupId groupId = RaftNode.groupIdOf(datacenter);
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
                TimeDuration.valueOf(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        RaftGroup asked = RaftGroup.valueOf(groupId, servers.stream().map(RaftNode::peerOf).toList());
        try (RaftClient client = RaftNode.client(asked, properties, RaftTls.parameters(tls), RetryPolicies.noRetry())) {
            for (ServerCandidate server : servers) {
                Optional<Set<String>> peers = ask(client, RaftPeerId.valueOf(server.node()), groupId);
                if (peers.isPresent()) {
                    return peers;
                }
            }
        } catch (IOException e) {
            LOG.debug("Raft client for the group probe not closed cleanly: {}", e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<Set<String>> ask(RaftClient client, RaftPeerId server, RaftGroupId groupId) {
        try {
            GroupInfoReply reply = client.getGroupManagementApi(server).info(groupId);
            Set<String> peers = reply.getGroup().getPeers().stream().map(p -> p.getId().toString())
                    .collect(Collectors.toUnmodifiableSet());
            return peers.isEmpty() ? Optional.empty() : Optional.of(peers);
        } catch (IOException | RuntimeException e) {
            // not running Raft yet, no such group there, or unreachable: it tells nothing
            LOG.debug("{} has no running Raft group to report: {}", server, e.getMessage());
            return Optional.empty();
        }
    }
}
