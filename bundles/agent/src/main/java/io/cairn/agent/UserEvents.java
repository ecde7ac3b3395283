package io.cairn.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.function.Supplier;

import io.cairn.api.catalog.Service;
import io.cairn.api.membership.UserEvent;

/**
 * The user events this agent keeps (Consul's agent: the last {@value #CAPACITY}, oldest first):
 * of the events the LAN pool brings, those whose node filter matches this node's name and
 * whose service (and tag) filter matches a service registered here. Lists block until a new
 * event arrives, with Consul's index, derived from the last event's id.
 */
public final class UserEvents {

    /** Consul's {@code userEventBufferSize}. */
    public static final int CAPACITY = 256;

    /** A list and its index. */
    public record Listing(List<UserEvent> events, long index) {
    }

    private final LocalState state;
    private final Supplier<String> nodeName;
    private final Deque<UserEvent> buffer = new ArrayDeque<>();
    private CompletableFuture<Void> nextEvent = new CompletableFuture<>();

    public UserEvents(LocalState state, Supplier<String> nodeName) {
        this.state = state;
        this.nodeName = nodeName;
    }

    /** An event from the pool: kept when it applies here (and is not already kept). */
    public void received(UserEvent event) {
        if (!appliesHere(event)) {
            return;
        }
        CompletableFuture<Void> woken;
        synchronized (this) {
            if (buffer.stream().anyMatch(e -> e.id().equals(event.id()))) {
                return;
            }
            if (buffer.size() == CAPACITY) {
                buffer.removeFirst();
            }
            buffer.addLast(event);
            woken = nextEvent;
            nextEvent = new CompletableFuture<>();
        }
        woken.complete(null);
    }

    /** Consul's {@code shouldProcessUserEvent}: filters are regular expressions found anywhere in the name. */
    boolean appliesHere(UserEvent event) {
        try {
            if (!event.nodeFilter().isEmpty() && !Pattern.compile(event.nodeFilter()).matcher(nodeName.get()).find()) {
                return false;
            }
            if (event.serviceFilter().isEmpty()) {
                return true;
            }
            Pattern service = Pattern.compile(event.serviceFilter());
            Optional<Pattern> tag = event.tagFilter().isEmpty() ? Optional.empty()
                    : Optional.of(Pattern.compile(event.tagFilter()));
            for (Service s : state.services().values()) {
                if (service.matcher(s.service()).find()
                        && (tag.isEmpty() || s.tags().stream().anyMatch(t -> tag.get().matcher(t).find()))) {
                    return true;
                }
            }
            return false;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** The kept events, oldest first, only those called {@code name} when it is not empty. */
    public synchronized Listing list(String name) {
        List<UserEvent> events = new ArrayList<>();
        for (UserEvent e : buffer) {
            if (name.isEmpty() || e.name().equals(name)) {
                events.add(e);
            }
        }
        // Consul: 1 when there is none, so a client never spins on index 0
        long index = events.isEmpty() ? 1 : index(events.get(events.size() - 1).id());
        return new Listing(events, index);
    }

    /**
     * As {@link #list}, but when the index equals {@code minIndex} (Consul compares for
     * equality: the index is not monotonic) waits until an event arrives or {@code waitNanos} ends.
     */
    public CompletableFuture<Listing> list(String name, long minIndex, long waitNanos) {
        long deadline = System.nanoTime() + waitNanos;
        return listOnceChanged(name, minIndex, deadline);
    }

    private CompletableFuture<Listing> listOnceChanged(String name, long minIndex, long deadline) {
        CompletableFuture<Void> change;
        Listing now;
        synchronized (this) {
            change = nextEvent.copy();
            now = list(name);
        }
        long left = deadline - System.nanoTime();
        if (minIndex == 0 || now.index() != minIndex || left <= 0) {
            return CompletableFuture.completedFuture(now);
        }
        return change.completeOnTimeout(null, left, TimeUnit.NANOSECONDS)
                .thenComposeAsync(v -> System.nanoTime() - deadline >= 0
                        ? CompletableFuture.completedFuture(list(name))
                        : listOnceChanged(name, minIndex, deadline));
    }

    /**
     * Consul's {@code uuidToUint64}: the first 16 hex digits of the id XOR the last 16, as an
     * unsigned 64-bit number.
     */
    public static long index(String uuid) {
        String hex = uuid.replace("-", "");
        if (hex.length() != 32) {
            return 1;
        }
        try {
            return Long.parseUnsignedLong(hex.substring(0, 16), 16) ^ Long.parseUnsignedLong(hex.substring(16), 16);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
