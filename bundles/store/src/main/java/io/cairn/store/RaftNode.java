package io.cairn.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.consensus.ConsensusStore;
import io.cairn.api.consensus.RaftPeer;
import io.cairn.api.consensus.RaftStatus;
import io.cairn.api.consensus.ServerCandidate;
import io.cairn.api.consensus.StoreException;
import io.cairn.api.http.Consistency;
import io.cairn.api.tls.MutualTls;

/**
 * One Raft server of the data centre's group, with the client it writes and reads through.
 * Plain Java: the DS component runs one per server agent, tests run several in one JVM.
 *
 * <p>Peers are named by node name. Raft runs on {@code ports.raft}; what status shows is each
 * peer's server RPC address ({@code ip:ports.server}), kept in a map learned from the initial
 * servers and from {@link #learn} (membership, later).
 */
public final class RaftNode implements Replication, ConsensusStore, Autopilot.Group, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration FIRST_ELECTION_TIMEOUT = Duration.ofMillis(50);
    /** How long a write or ReadIndex keeps retrying through an election before it fails. */
    private static final int RETRIES = 40;
    private static final Duration RETRY_SLEEP = Duration.ofMillis(150);
    /**
     * One grouped entry in flight: measured with 3 servers and 64 writers, one gives larger
     * batches and ~1.6x the writes/s of two (the per-entry cost, not the round trip, limits).
     */
    private static final int GROUP_COMMIT_IN_FLIGHT = 1;

    private final RaftNodeConfig config;
    private final StoreState state;
    private final RaftGroupId groupId;
    /** Ratis's transport parameters: TLS, when configured. */
    private final Parameters transport;
    private final RaftPeerId selfId;
    /** Writes submitted on the leader without the client carry this id and their own call ids. */
    private final ClientId localClientId = ClientId.randomId();
    private final AtomicLong localCallIds = new AtomicLong();
    private final Map<String, ServerCandidate> known = new ConcurrentHashMap<>();
    /** KV writes: grouped into shared entries under load, on the leader and on the way to it. */
    private final GroupCommit groupCommit = new GroupCommit(GROUP_COMMIT_IN_FLIGHT, this::replicate);
    private final SessionTimers sessionTimers = new SessionTimers(Clock.systemUTC(), this::expireSession);
    /** The leader lease last computed: valid for reads in its term until its expiry (System.nanoTime). */
    private volatile Lease lease = new Lease(-1, Long.MIN_VALUE);
    private RaftServer server;
    /** Forwards what this server cannot do itself to the leader; replaced once Ratis has failed it for good. */
    private volatile RaftClient client;
    private RaftGroup clientGroup;
    private RaftProperties raftProperties;
    private boolean closed;
    private ScheduledExecutorService timerTicks;

    public RaftNode(RaftNodeConfig config, StoreState state) {
        this(config, state, Optional.empty());
    }

    /** @param tls mutual TLS on every Raft channel; empty: plain */
    public RaftNode(RaftNodeConfig config, StoreState state, Optional<MutualTls> tls) {
        this.config = config;
        this.state = state;
        this.transport = RaftTls.parameters(tls);
        this.groupId = groupIdOf(config.datacenter());
        this.selfId = RaftPeerId.valueOf(config.self().node());
        learn(config.initialServers());
        learn(List.of(config.self()));
    }

    /** Every server of a data centre derives the same group id from its name. */
    static RaftGroupId groupIdOf(String datacenter) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("cairn-raft:" + datacenter).getBytes(StandardCharsets.UTF_8)));
    }

    public StoreState state() {
        return state;
    }

    /** Servers whose server RPC address status should show. */
    public void learn(Collection<ServerCandidate> servers) {
        servers.forEach(s -> known.put(s.node(), s));
    }

    /**
     * Starts the server: recovers from snapshot and log when its storage exists, otherwise
     * formats it and bootstraps the group from the initial servers.
     */
    public void start() throws IOException {
        raftProperties = properties();
        boolean recover = RaftSettings.hasGroup(config.storageDir(), config.datacenter());
        List<org.apache.ratis.protocol.RaftPeer> initial = config.initialServers().stream().map(RaftNode::peerOf).toList();
        // a server outside its initial group starts with none: it must not campaign (the leader
        // of the running group would tell it to shut down) and waits for the leader to add it
        RaftGroup group = RaftGroup.valueOf(groupId, config.member() ? initial : List.of());
        LOG.info("Starting Raft server {} at {} ({}, group {})", selfId, config.self().raftAddress(),
                recover ? "recovering"
                        : config.member() ? "bootstrapping " + initial.size() + " server(s)"
                        : "joining the group of " + config.initialServers().stream().map(ServerCandidate::node).toList()
                                + " once its leader adds this server", groupId);
        // the client asks the initial servers and this one for the leader; Ratis follows their hints from there
        List<org.apache.ratis.protocol.RaftPeer> contacts = new ArrayList<>(initial);
        if (!config.member()) {
            contacts.add(peerOf(config.self()));
        }
        clientGroup = RaftGroup.valueOf(groupId, contacts);
        withRatisClassLoader(() -> {
            server = RaftServer.newBuilder()
                    .setServerId(selfId)
                    .setGroup(group)
                    .setProperties(raftProperties)
                    .setParameters(transport)
                    .setStateMachine(new CairnStateMachine(state, LeaderDecisions.system(), sessionTimers))
                    .setOption(recover ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            server.start();
            return null;
        });
        client = newClient();
        timerTicks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cairn-session-ttl");
            thread.setDaemon(true);
            return thread;
        });
        long tick = SessionTimers.tick().toMillis();
        timerTicks.scheduleWithFixedDelay(sessionTimers::expireDue, tick, tick, TimeUnit.MILLISECONDS);
    }

    private RaftClient newClient() throws IOException {
        return client(clientGroup, raftProperties, transport,
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(RETRIES, millis(RETRY_SLEEP)));
    }

    /** A Ratis client of the group (built with Ratis's class loader, see {@link #withRatisClassLoader}). */
    static RaftClient client(RaftGroup group, RaftProperties properties, Parameters transport, RetryPolicy retries)
            throws IOException {
        return withRatisClassLoader(() -> RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setProperties(properties)
                .setParameters(transport)
                .setRaftGroup(group)
                .setRetryPolicy(retries)
                .build());
    }

    /**
     * A write sent on to the leader through the client. Ratis's ordered sends share one window
     * per client, and once a write has run out of retries (no leader for longer than they last:
     * a minority server, an election that dragged) the window stays failed: every later write
     * through that client fails at once. Such a client is replaced, so the server forwards again
     * as soon as a leader is back.
     */
    private CompletableFuture<RaftClientReply> forward(Message message) {
        RaftClient sending = client;
        return sending.async().send(message).whenComplete((reply, failure) -> {
            Throwable cause = failure == null ? null : unwrap(failure);
            if (cause instanceof RaftRetryFailureException || cause instanceof AlreadyClosedException) {
                renewClient(sending);
            }
        });
    }

    private synchronized void renewClient(RaftClient failed) {
        if (closed || client != failed) {
            return; // stopping, or already replaced by another write that failed with it
        }
        try {
            client = newClient();
            LOG.info("Raft client renewed after a write ran out of retries");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Raft client not renewed: {}", e.getMessage());
            return;
        }
        // not on this thread: it may be one of the failed client's own
        CompletableFuture.runAsync(() -> {
            try {
                failed.close();
            } catch (IOException e) {
                LOG.debug("Failed Raft client not closed cleanly: {}", e.getMessage());
            }
        });
    }

    /** A session's TTL ran out on the leader: destroy it through the log like a user would. */
    private void expireSession(String id) {
        LOG.info("Session {} expired (TTL)", id);
        execute(new Command.SessionDestroy(id, 0)).exceptionally(failure -> {
            // no longer leader, most likely: the next leader restarts the timer and reaps it
            LOG.warn("Could not destroy expired session {}: {}", id, failure.getMessage());
            return null;
        });
    }

    private RaftProperties properties() {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(config.storageDir().toFile()));
        GrpcConfigKeys.Server.setHost(p, config.bindHost());
        GrpcConfigKeys.Server.setPort(p, config.self().raftPort());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(config.electionTimeout()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(config.electionTimeout().multipliedBy(2)));
        // At start there is no leader to wait for: elect at once (a single -dev/-bootstrap server is
        // leader in ~0.1 s instead of 1-2 s); pre-vote keeps a restarting server from disrupting a live leader.
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, millis(FIRST_ELECTION_TIMEOUT));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, millis(FIRST_ELECTION_TIMEOUT.multipliedBy(3)));
        // ReadIndex for ?consistent and for reads on followers
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        // the log behind a snapshot is dropped; a follower that far behind gets the snapshot
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Ratis logs every advance of the commit index as an entry of its own: a second append,
        // fsync and send per write, which the next write queues behind on every server. A
        // restarted server then learns the commit index from the leader, as Consul's does.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // Ratis spaces two sends to a follower by at least 1 ms: an entry that is ready waits for
        // that gap instead of going at once (3 servers in one JVM: 15-17k -> 23k writes/s at 64
        // writers, 4-6k -> 6.6-6.8k at 16)
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(REQUEST_TIMEOUT));
        // a snapshot restore is one entry carrying the whole state: Ratis's 4 MB entry limit
        // (its appender buffer) raised, and the log's write buffer, which must hold one entry, with it
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(MAX_COMMAND_BYTES));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(MAX_COMMAND_BYTES + 8L));
        // Ratis keeps up to 6 closed log segments of 32 MB in memory (200 MB) for followers
        // that fall behind: under steady writes that held ~200 MB of live entries on every
        // server, and each young collection copied them (30-40 ms pauses on the followers).
        // Two closed segments of 8 MB keep the last seconds of writes; a follower further
        // behind reads the log from disk. (An entry larger than a segment still goes in one.)
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf("32MB"));
        return p;
    }

    static org.apache.ratis.protocol.RaftPeer peerOf(ServerCandidate server) {
        return org.apache.ratis.protocol.RaftPeer.newBuilder()
                .setId(server.node())
                .setAddress(server.raftAddress())
                .build();
    }

    // ---- Replication

    @Override
    public CompletableFuture<Boolean> submit(Command command) {
        return execute(command).thenApply(outcome -> outcome.accepted().ok());
    }

    @Override
    public CompletableFuture<Outcome> execute(Command command) {
        // grouped on followers too: what they forward to the leader is then one entry per batch
        if (Command.Batch.groupable(command)) {
            try {
                // refused alone, at once, rather than with the batch it would have joined
                KvRules.check(command);
            } catch (StoreException e) {
                return CompletableFuture.failedFuture(e);
            }
            return groupCommit.submit(command);
        }
        return replicate(CommandCodec.encode(command));
    }

    /** One encoded command as one log entry. */
    private CompletableFuture<Outcome> replicate(byte[] command) {
        Message message = Message.valueOf(ByteString.copyFrom(command));
        CompletableFuture<RaftClientReply> sent = leaderReady()
                ? submitLocally(message).thenCompose(reply -> reply.getNotLeaderException() == null
                        ? CompletableFuture.completedFuture(reply)
                        // leadership moved between the check and the submit: the entry was refused, send it on
                        : forward(message))
                : forward(message);
        return sent
                .thenApply(reply -> {
                    checkSuccess(reply);
                    return Outcome.decode(reply.getMessage().getContent().toByteArray());
                })
                .exceptionally(RaftNode::rethrowAsStoreException);
    }

    /**
     * On the leader a write goes straight to this server's Raft division: the client's
     * loopback gRPC round trip (serialisation and four thread hand-offs) is what a write on
     * the leader would otherwise pay on top of replication. The division is called itself, not
     * through the server: the server hands each submission to a pool thread and waits for it,
     * a hand-off and a wake-up that cost ~1 ms per write on two busy cores (measured).
     */
    private CompletableFuture<RaftClientReply> submitLocally(Message message) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(localClientId)
                .setServerId(selfId)
                .setGroupId(groupId)
                .setCallId(localCallIds.incrementAndGet())
                .setMessage(message)
                .setType(RaftClientRequest.writeRequestType())
                .build();
        try {
            return division() instanceof RaftClientAsynchronousProtocol division
                    ? division.submitClientRequestAsync(request)
                    : server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> readable(Consistency mode) {
        if (mode == Consistency.STALE || (mode == Consistency.DEFAULT && leaseHeld())) {
            return CompletableFuture.completedFuture(null);
        }
        return readIndex(1).exceptionally(RaftNode::rethrowAsStoreException);
    }

    /**
     * ReadIndex, served by this server once it has applied up to the leader's commit index.
     * Unordered: a read must not queue behind this client's writes, one of which may be
     * retrying against a leader that just died. A server that has not heard from a leader yet
     * (it just started, or an election is on) answers at once that it knows none; the read
     * waits for one as a write does, as Consul holds an RPC while there is no leader.
     */
    private CompletableFuture<Void> readIndex(int attempt) {
        return client.async().sendReadOnlyUnordered(Message.EMPTY, selfId).handle((reply, failure) -> {
            Throwable refused = failure != null ? unwrap(failure) : reply.getException();
            if (refused == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (refused instanceof ReadIndexException && attempt < RETRIES) {
                return CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(RETRY_SLEEP.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(waited -> readIndex(attempt + 1));
            }
            return CompletableFuture.<Void>failedFuture(refused);
        }).thenCompose(next -> next);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public LeaderContact contact() {
        DivisionInfo info = division().getInfo();
        return new LeaderContact(info.getLeaderId() != null, lastContact(info).toMillis());
    }

    /**
     * Consul's default mode: a leader answers from its state while a quorum has heard from it
     * within 0.9 of the election timeout (see {@link LeaderLease}); a leader cut off from its
     * quorum, or a server that is not leader, confirms with a ReadIndex round instead.
     */
    private boolean leaseHeld() {
        DivisionInfo info = division().getInfo();
        if (!info.isLeader() || !info.isLeaderReady()) {
            return false;
        }
        long now = System.nanoTime();
        long term = info.getCurrentTerm();
        Lease current = lease;
        if (current.term() == term && now - current.expiresAt() < 0) {
            return true;
        }
        long[] sinceContact = info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList().stream()
                .mapToLong(RaftProtos.ServerRpcProto::getLastRpcElapsedTimeMs).toArray();
        Lease renewed = new Lease(term, LeaderLease.expiresAt(now, sinceContact,
                config.electionTimeout().multipliedBy(9).dividedBy(10)));
        lease = renewed;
        return now - renewed.expiresAt() < 0;
    }

    private record Lease(long term, long expiresAt) {
    }

    private boolean leaderReady() {
        DivisionInfo info = division().getInfo();
        return info.isLeader() && info.isLeaderReady();
    }

    private static void checkSuccess(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw new CompletionException(reply.getException());
        }
    }

    private static <T> T rethrowAsStoreException(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StoreException e) {
            throw e;
        }
        if (cause instanceof StateMachineException e) {
            // the leader refused the command in startTransaction
            throw new StoreException(StoreException.Reason.BAD_REQUEST, originalMessage(e), e);
        }
        throw new StoreException(StoreException.Reason.NO_LEADER, "No cluster leader", cause);
    }

    private static String originalMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    // ---- ConsensusStore

    @Override
    public RaftStatus status() {
        RaftServer.Division division = division();
        DivisionInfo info = division.getInfo();
        boolean leader = info.isLeader();
        // Ratis takes the leader role before it records itself as leader: answer from the role
        // read once, so a leader never reports itself with an empty leader address
        RaftPeerId leaderId = leader ? selfId : info.getLeaderId();
        RaftConfiguration conf = division.getRaftConf();
        List<RaftPeer> peers = conf.getCurrentPeers().stream()
                .map(p -> new RaftPeer(p.getId().toString(), p.getId().toString(), serverAddress(p),
                        p.getAddress(), p.getId().equals(leaderId), true))
                .toList();
        Optional<String> leaderAddress = Optional.ofNullable(leaderId)
                .flatMap(id -> peers.stream().filter(p -> p.id().equals(id.toString())).findFirst())
                .map(RaftPeer::address);
        return new RaftStatus(leaderAddress, leader, peers, info.getCurrentTerm(),
                info.getLastAppliedIndex(), lastContact(info), conf.getLogEntryIndex());
    }

    @Override
    public boolean leading() {
        return division().getInfo().isLeader();
    }

    /** The node names of the group's peers, as this server's latest configuration has them. */
    @Override
    public List<String> peerIds() {
        return division().getRaftConf().getCurrentPeers().stream().map(p -> p.getId().toString()).toList();
    }

    /**
     * Changes the group through the leader (Ratis setConfiguration): adds {@code joining},
     * drops {@code leaving} (node names). Blocks until the new configuration is committed.
     */
    @Override
    public void reconfigure(List<ServerCandidate> joining, List<String> leaving) throws IOException {
        learn(joining);
        List<org.apache.ratis.protocol.RaftPeer> peers = new ArrayList<>(division().getRaftConf()
                .getCurrentPeers().stream().filter(p -> !leaving.contains(p.getId().toString())).toList());
        joining.stream().filter(s -> peers.stream().noneMatch(p -> p.getId().toString().equals(s.node())))
                .map(RaftNode::peerOf).forEach(peers::add);
        LOG.info("Changing the Raft group to {} (adding {}, removing {})", peers, joining, leaving);
        RaftClientReply reply = client.admin().setConfiguration(peers);
        if (!reply.isSuccess()) {
            throw new IOException("setConfiguration failed", reply.getException());
        }
    }

    /**
     * On the leader, how far each peer's log matches the leader's (node name to index); this
     * server's own last applied index elsewhere. What {@code list-peers} shows as Commit Index.
     */
    public Map<String, Long> matchIndexes() {
        DivisionInfo info = division().getInfo();
        Map<String, Long> indexes = new java.util.HashMap<>();
        indexes.put(selfId.toString(), info.getLastAppliedIndex());
        if (info.isLeader()) {
            List<RaftProtos.ServerRpcProto> followers = info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList();
            long[] matched = info.getFollowerMatchIndices();
            for (int i = 0; i < Math.min(followers.size(), matched.length); i++) {
                indexes.put(followers.get(i).getId().getId().toStringUtf8(), matched[i]);
            }
        }
        return indexes;
    }

    /** A peer's server RPC address; for a server not yet learned, its Raft host with our server port. */
    private String serverAddress(org.apache.ratis.protocol.RaftPeer peer) {
        ServerCandidate learned = known.get(peer.getId().toString());
        if (learned != null) {
            return learned.serverAddress();
        }
        String raftAddress = peer.getAddress();
        return raftAddress.substring(0, raftAddress.lastIndexOf(':')) + ":" + config.self().serverPort();
    }

    private static Duration lastContact(DivisionInfo info) {
        if (info.isLeader()) {
            return Duration.ZERO;
        }
        RoleInfoProto role = info.getRoleInfoProto();
        if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            return Duration.ofMillis(role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs());
        }
        return Duration.ZERO;
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(groupId);
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "Raft server not running", e);
        }
    }

    public RaftPeerId peerId() {
        return selfId;
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            closed = true;
        }
        if (timerTicks != null) {
            timerTicks.shutdownNow();
        }
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * Ratis loads classes by name through the thread's context class loader; inside OSGi that
     * loader does not see Ratis, so every entry point (builders, start) runs with Ratis's own.
     */
    static <T> T withRatisClassLoader(IoSupplier<T> action) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RaftServer.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static TimeDuration millis(Duration duration) {
        return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
