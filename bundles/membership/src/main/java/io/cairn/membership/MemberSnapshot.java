package io.cairn.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** What the file said at start: the members alive then (node name to {@code host:port}), and whether it left. */
    public record Previous(Map<String, String> members, boolean left) {
        public Previous {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** The previous members' {@code host:port}. */
        public List<String> alive() {
            return List.copyOf(members.values());
        }
    }

    private final Path file;
    private final String self;
    private final MemberList members;
    private final Previous previous;
    /** Members this run has listed, whatever their status since. */
    private final Set<String> heard = new HashSet<>();
    private volatile boolean left;

    /**
     * @param previous the members of the previous run: kept in the file while this run has not
     *                 heard of them (it did not rejoin them, having left), as Serf's snapshot keeps
     *                 them, so that a later start with {@code -rejoin} still finds them
     */
    public MemberSnapshot(Path file, String self, MemberList members, Previous previous) {
        this.file = file;
        this.self = self;
        this.members = members;
        this.previous = previous;
    }

    /** The snapshot a previous run left ({@code host:port} of each member), empty when there is none. */
    public static Previous read(Path file) {
        if (!Files.exists(file)) {
            return new Previous(Map.of(), false);
        }
        Map<String, String> alive = new LinkedHashMap<>();
        boolean left = false;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("alive: ")) {
                    String[] parts = line.substring("alive: ".length()).trim().split(" ");
                    if (parts.length == 2) {
                        alive.put(parts[0], parts[1]);
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

    /** Rewrites the file with the members alive now, and the previous run's this one has not heard of. */
    public synchronized void write() {
        StringBuilder out = new StringBuilder();
        for (Member m : members.members()) {
            heard.add(m.name());
            if (m.status() == MemberStatus.ALIVE && !m.name().equals(self)) {
                out.append("alive: ").append(m.name()).append(' ').append(hostPort(m)).append('\n');
            }
        }
        previous.members().forEach((name, hostPort) -> {
            if (!heard.contains(name) && !name.equals(self)) {
                out.append("alive: ").append(name).append(' ').append(hostPort).append('\n');
            }
        });
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
