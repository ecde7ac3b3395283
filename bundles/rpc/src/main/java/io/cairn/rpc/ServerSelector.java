package io.cairn.rpc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Which server a client agent asks, in which order. The leader first when known, since it
 * answers default-mode reads and every write without a further hop; then the server that
 * answered last; then the others from a random start, so that client agents spread over
 * the servers and a dead server is only tried once per request. Thread-safe.
 */
public final class ServerSelector {

    private final Supplier<List<String>> servers;
    private final RandomGenerator random;
    private volatile Optional<String> leader = Optional.empty();
    private volatile Optional<String> lastAnswered = Optional.empty();

    /**
     * @param servers the server RPC addresses ({@code ip:port}) known now, asked on every call
     *                as servers come and go
     */
    public ServerSelector(Supplier<List<String>> servers, RandomGenerator random) {
        this.servers = servers;
        this.random = random;
    }

    /** The servers to try for one request, best first, each once; empty when none is known. */
    public List<String> order() {
        List<String> known = servers.get();
        Set<String> order = new LinkedHashSet<>();
        // a leader not (yet) among the discovered servers still answers best
        leader.ifPresent(order::add);
        lastAnswered.filter(known::contains).ifPresent(order::add);
        if (!known.isEmpty()) {
            int start = random.nextInt(known.size());
            for (int i = 0; i < known.size(); i++) {
                order.add(known.get((start + i) % known.size()));
            }
        }
        return new ArrayList<>(order);
    }

    /** The leader as a server reported it ({@code /v1/status/leader}); empty when it knows none. */
    public void leaderIs(Optional<String> address) {
        leader = address.filter(a -> !a.isEmpty());
    }

    public boolean leaderKnown() {
        return leader.isPresent();
    }

    public void answered(String server) {
        lastAnswered = Optional.of(server);
    }

    /** A server that could not be reached is no longer preferred, leader or not. */
    public void unreachable(String server) {
        if (leader.filter(server::equals).isPresent()) {
            leader = Optional.empty();
        }
        if (lastAnswered.filter(server::equals).isPresent()) {
            lastAnswered = Optional.empty();
        }
    }
}
