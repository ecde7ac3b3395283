package io.cairn.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.MemberStatus;

/**
 * What serf keeps in {@code serf/local.snapshot}: the other members alive last, so that an
 * agent restarted with no join address finds its pool again, and whether it left gracefully,
 * which Consul takes as the intent never to come back unless {@code rejoin_after_leave}.
 *
 * <p>File: one {@code alive: <name> <addr>:<port>} line per other alive member, then
 * {@code leave} after a graceful leave. Rewritten whole on every change of the member list.
 */
public final class MemberSnapshot implements MemberListener {

    private static final Logger LOG = LoggerFactory.getLogger(MemberSnapshot.class);

    /** What the file said at start. */
    public record Previous(List<String> alive, boolean left) {
        public Previous {
            alive = List.copyOf(alive);
        }
    }

    private final Path file;
    private final String self;
    private final MemberList members;
    private volatile boolean left;

    public MemberSnapshot(Path file, String self, MemberList members) {
        this.file = file;
        this.self = self;
        this.members = members;
    }

    /** The snapshot a previous run left ({@code host:port} of each member), empty when there is none. */
    public static Previous read(Path file) {
        if (!Files.exists(file)) {
            return new Previous(List.of(), false);
        }
        List<String> alive = new ArrayList<>();
        boolean left = false;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("alive: ")) {
                    String[] parts = line.substring("alive: ".length()).trim().split(" ");
                    if (parts.length == 2) {
                        alive.add(parts[1]);
                    }
                } else if (line.trim().equals("leave")) {
                    left = true;
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not read the member snapshot {}: {}", file, e.toString());
        }
        return new Previous(alive, left);
    }

    /**
     * The addresses to rejoin at start: the previous members, unless the agent left
     * gracefully and {@code rejoin_after_leave} is off.
     */
    public static List<String> rejoin(Previous previous, boolean rejoinAfterLeave, String pool) {
        if (previous.alive().isEmpty()) {
            return List.of();
        }
        if (previous.left() && !rejoinAfterLeave) {
            LOG.info("Not rejoining the {} pool's previous {} members: this agent left gracefully (rejoin_after_leave is off)",
                    pool, previous.alive().size());
            return List.of();
        }
        LOG.info("Rejoining the {} pool's previous members: {}", pool, previous.alive());
        return previous.alive();
    }

    /** This agent left gracefully: recorded so the next start does not rejoin. */
    public void markLeft() {
        left = true;
        write();
    }

    @Override
    public void joined(Member member) {
        write();
    }

    @Override
    public void updated(Member member) {
        write();
    }

    @Override
    public void failed(Member member) {
        write();
    }

    @Override
    public void left(Member member) {
        write();
    }

    @Override
    public void reaped(Member member) {
        write();
    }

    /** Rewrites the file with the members alive now. */
    public synchronized void write() {
        StringBuilder out = new StringBuilder();
        for (Member m : members.members()) {
            if (m.status() == MemberStatus.ALIVE && !m.name().equals(self)) {
                out.append("alive: ").append(m.name()).append(' ').append(hostPort(m)).append('\n');
            }
        }
        if (left) {
            out.append("leave\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Could not write the member snapshot {}: {}", file, e.toString());
        }
    }

    private static String hostPort(Member m) {
        return (m.addr().contains(":") ? "[" + m.addr() + "]" : m.addr()) + ":" + m.port();
    }

}
