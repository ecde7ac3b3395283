package io.cairn.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis face of {@link StoreState}: validates commands on the leader before they enter
 * the log, applies committed entries in order, and keeps checksummed snapshots named by term
 * and index ({@code snapshot.<term>_<index>}, Ratis's naming, so Ratis can ship them to a
 * lagging follower).
 */
public final class CairnStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(CairnStateMachine.class);

    private final StoreState state;
    private final LeaderDecisions decisions;
    private final SessionTimers timers;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private volatile RaftStorage raftStorage;
    /**
     * What {@link #getLatestSnapshot} answers, kept here: Ratis asks for it before every send to
     * a follower, and {@link SimpleStateMachineStorage} lists the snapshot directory on each
     * call while it holds none (~2% of a leader's CPU under writes). Snapshots appear only
     * through {@link #loadLatestValidSnapshot} and {@link #takeSnapshot}, which set it.
     */
    private volatile SnapshotInfo latestSnapshot;

    public CairnStateMachine(StoreState state) {
        this(state, LeaderDecisions.system(), new SessionTimers(Clock.systemUTC(), id -> { }));
    }

    /** @param timers the session TTL timers this server keeps while it leads */
    public CairnStateMachine(StoreState state, LeaderDecisions decisions, SessionTimers timers) {
        this.state = state;
        this.decisions = decisions;
        this.timers = timers;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        this.raftStorage = raftStorage;
        loadLatestValidSnapshot();
    }

    /** After a snapshot was installed from the leader. */
    @Override
    public void reinitialize() throws IOException {
        loadLatestValidSnapshot();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latestSnapshot;
    }

    /**
     * On the leader, before the entry is appended: a command that is malformed or breaks a
     * rule is refused here, so it never reaches any server's log. Commands that need the clock
     * or randomness (session ids, lock-delay deadlines) are completed here too, once, by the
     * leader; the log then carries the decided values.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString data = request.getMessage().getContent();
        ByteString logData = data;
        RuntimeException refused = null;
        try {
            Command command = CommandCodec.decode(data.toByteArray())
                    .orElseThrow(() -> new IllegalArgumentException("this server does not know the command"));
            KvRules.check(command);
            CatalogRules.checkOnLeader(command, state.catalog());
            if (command instanceof Command.CaInitialize && state.autoEncryptCa().isPresent()) {
                throw new IllegalArgumentException("the auto_encrypt CA exists already");
            }
            Command decided = decisions.decide(command, state);
            if (decided != command) {
                logData = ByteString.copyFrom(CommandCodec.encode(decided));
            }
        } catch (RuntimeException e) {
            refused = e;
        }
        TransactionContext transaction = TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(logData)
                .build();
        if (refused != null) {
            transaction.setException(new StateMachineException(refused.getMessage()));
        }
        return transaction;
    }

    /**
     * Applies a committed entry. An unknown command throws: Ratis then stops this server,
     * which is what we want rather than a state that silently differs from the others'.
     */
    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        long index = entry.getIndex();
        Optional<Command> command = CommandCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
        Outcome outcome;
        if (command.isPresent()) {
            outcome = state.execute(index, command.get());
            keepTimers(command.get(), outcome);
        } else {
            LOG.warn("Skipping an ignorable command this server does not know at index {}", index);
            state.skip(index);
            outcome = Outcome.of(false);
        }
        updateLastAppliedTermIndex(entry.getTerm(), index);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(outcome.encode())));
    }

    /** The leader's session timers follow what was applied; on followers they hold nothing. */
    private void keepTimers(Command command, Outcome outcome) {
        if (command instanceof Command.SessionCreate create && outcome.ok()) {
            timers.renewed(create.session());
        } else if (command instanceof Command.SessionRenew renew) {
            state.session(renew.id()).value().ifPresent(timers::renewed);
        } else if (command instanceof Command.SessionDestroy destroy) {
            timers.ended(destroy.id());
        } else if (command instanceof Command.SnapshotRestore && timers.leading()) {
            timers.lead(state.sessionList().value());
        }
    }

    /** Leadership: only a leader that can commit starts the timers (Consul's initializeSessionTimers). */
    @Override
    public void notifyLeaderReady() {
        timers.lead(state.sessionList().value());
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        if (!member.getPeerId().equals(newLeaderId)) {
            timers.follow();
        }
    }

    /**
     * Ratis stops this server's Raft division: a leader found it campaigning from outside the
     * group's configuration (removed from the group, or a group of its own bootstrapped beside a
     * running one). It serves no more writes until restarted; said loudly, as Ratis only logs it at debug.
     */
    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        if (allServer) {
            return; // the whole server closing: the agent stopping
        }
        LOG.error("Raft stopped on this server ({}): the group's leader does not count it a peer; "
                + "remove its data_dir/raft to join again as a new server", roleInfo.getRole());
    }

    /**
     * A read barrier: Ratis calls this once the read index is applied locally (or at once for
     * a leader read), so the caller may then read {@link StoreState} directly.
     */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        SnapshotFile.write(file.toPath(), new SnapshotFile.Position(last.getTerm(), last.getIndex()),
                state::writeReplicatedSnapshot);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        SingleFileSnapshotInfo taken = new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last);
        storage.updateLatestSnapshot(taken);
        latestSnapshot = taken;
        LOG.info("Took snapshot {} at term {} index {}", file.getName(), last.getTerm(), last.getIndex());
        return last.getIndex();
    }

    /**
     * Loads the newest snapshot whose checksum holds; a damaged one is renamed aside (kept for
     * inspection) and the next older one tried. With none, the state starts empty and the
     * whole log is replayed.
     */
    private void loadLatestValidSnapshot() throws IOException {
        for (Path file : snapshotsNewestFirst()) {
            try {
                SnapshotFile.Position position = SnapshotFile.read(file, (SnapshotFile.FormatLoader) (at, format, in) -> {
                    if (format >= 2) {
                        state.restoreReplicated(in, at.index());
                    } else {
                        state.restore(in, at.index());
                    }
                });
                setLastAppliedTermIndex(TermIndex.valueOf(position.term(), position.index()));
                LOG.info("Loaded snapshot {} (term {}, index {})", file.getFileName(), position.term(), position.index());
                break;
            } catch (SnapshotFile.CorruptSnapshotException e) {
                LOG.error("Snapshot {} is damaged, setting it aside: {}", file.getFileName(), e.getMessage());
                Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"));
                Files.deleteIfExists(MD5FileUtil.getDigestFileForFile(file.toFile()).toPath());
            }
        }
        // Ratis learns the latest snapshot (where log replay starts) from the files left in place
        storage.init(raftStorage);
        latestSnapshot = storage.getLatestSnapshot();
    }

    private List<Path> snapshotsNewestFirst() throws IOException {
        Path dir = raftStorage.getStorageDir().getStateMachineDir().toPath();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CairnStateMachine::indexOf).reversed())
                    .toList();
        }
    }

    private static long indexOf(Path snapshot) {
        Matcher m = SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(snapshot.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot file: " + snapshot);
        }
        return Long.parseLong(m.group(2));
    }
}
