package io.cairn.store;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A linearizability checker for a history of operations on registers, one register per key:
 * Wing and Gong's search with Lowe's memoisation of (linearized set, state), as in Porcupine
 * and Knossos. Keys are checked apart (linearizability is local: a history is linearizable if
 * and only if each key's is).
 *
 * <p>Values must be unique per key (each write writes a value never written before), so a
 * read names the write it saw. An operation whose outcome the client never learned (timed
 * out, failed after it may have reached the log) is {@link Op#unknown}: it may take effect at
 * any point after it was invoked, or never; a read whose outcome is unknown says nothing and
 * is left out of the history.
 */
public final class Linearizability {

    private Linearizability() {
    }

    public enum Kind { WRITE, READ, CAS }

    /**
     * One operation as a client saw it.
     *
     * @param key      the register
     * @param kind     what it did
     * @param expected a CAS's expected value (null: the register must be empty)
     * @param value    the value written (WRITE, CAS) or read (READ; null when absent)
     * @param ok       a CAS's outcome; true for writes and reads
     * @param invoked  when the client sent it (any monotonic clock)
     * @param returned when the answer came back; {@link Long#MAX_VALUE} when it never did
     */
    public record Op(String key, Kind kind, String expected, String value, boolean ok, long invoked, long returned) {

        public static Op write(String key, String value, long invoked, long returned) {
            return new Op(key, Kind.WRITE, null, value, true, invoked, returned);
        }

        public static Op read(String key, String seen, long invoked, long returned) {
            return new Op(key, Kind.READ, null, seen, true, invoked, returned);
        }

        public static Op cas(String key, String expected, String value, boolean ok, long invoked, long returned) {
            return new Op(key, Kind.CAS, expected, value, ok, invoked, returned);
        }

        /** The same operation, its outcome unknown: maybe applied, at any time after it was invoked. */
        public Op unknown() {
            return new Op(key, kind, expected, value, true, invoked, Long.MAX_VALUE);
        }

        public boolean known() {
            return returned != Long.MAX_VALUE;
        }
    }

    /** The keys whose history is not linearizable, each with its operations, empty when all are. */
    public static Map<String, List<Op>> violations(List<Op> history) {
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        for (Op op : history) {
            if (op.kind() == Kind.READ && !op.known()) {
                continue;
            }
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        Map<String, List<Op>> violations = new LinkedHashMap<>();
        byKey.forEach((key, ops) -> {
            if (!linearizable(ops)) {
                violations.put(key, ops);
            }
        });
        return violations;
    }

    /**
     * The register's next state after {@code op} from {@code state}, or empty when {@code op}
     * cannot take effect in that state with the outcome it had.
     */
    static Optional<Optional<String>> step(Optional<String> state, Op op) {
        return switch (op.kind()) {
            case WRITE -> Optional.of(Optional.of(op.value()));
            case READ -> Objects.equals(state.orElse(null), op.value()) ? Optional.of(state) : Optional.empty();
            case CAS -> {
                boolean matches = Objects.equals(state.orElse(null), op.expected());
                if (!op.known()) {
                    // whichever outcome it had: applied if it matched, a no-op if not
                    yield Optional.of(matches ? Optional.of(op.value()) : state);
                }
                if (op.ok()) {
                    yield matches ? Optional.of(Optional.of(op.value())) : Optional.empty();
                }
                yield matches ? Optional.empty() : Optional.of(state);
            }
        };
    }

    /** One register's history, starting empty. */
    static boolean linearizable(List<Op> ops) {
        Entry head = events(ops);
        Set<Visited> cache = new HashSet<>();
        Deque<Attempt> stack = new ArrayDeque<>();
        BitSet linearized = new BitSet(ops.size());
        Optional<String> state = Optional.empty();
        Entry entry = head.next;
        while (head.next != null) {
            if (entry.isCall()) {
                Optional<Optional<String>> next = step(state, entry.op);
                if (next.isPresent()) {
                    BitSet tried = (BitSet) linearized.clone();
                    tried.set(entry.id);
                    if (cache.add(new Visited(tried, next.get()))) {
                        stack.push(new Attempt(entry, state));
                        state = next.get();
                        linearized.set(entry.id);
                        entry.lift();
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                // a return reached before its call was linearized: undo the last choice
                if (stack.isEmpty()) {
                    return false;
                }
                Attempt last = stack.pop();
                state = last.state;
                linearized.clear(last.call.id);
                last.call.unlift();
                entry = last.call.next;
            }
        }
        return true;
    }

    /**
     * The calls and returns in time order in a doubly linked list behind a sentinel head. At
     * equal times calls come first: operations that touch are treated as concurrent.
     */
    private static Entry events(List<Op> ops) {
        record Event(long time, boolean call, Entry entry) {
        }
        List<Event> events = new ArrayList<>();
        for (int id = 0; id < ops.size(); id++) {
            Op op = ops.get(id);
            Entry call = new Entry(id, op);
            Entry ret = new Entry(id, null);
            call.match = ret;
            events.add(new Event(op.invoked(), true, call));
            events.add(new Event(op.returned(), false, ret));
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparing(e -> !e.call()));
        Entry head = new Entry(-1, null);
        Entry tail = head;
        for (Event event : events) {
            tail.next = event.entry();
            event.entry().prev = tail;
            tail = event.entry();
        }
        return head;
    }

    private record Visited(BitSet linearized, Optional<String> state) {
    }

    private record Attempt(Entry call, Optional<String> state) {
    }

    /** A call (with its operation and matching return) or a return. */
    private static final class Entry {
        final int id;
        final Op op;
        Entry match;
        Entry prev;
        Entry next;

        Entry(int id, Op op) {
            this.id = id;
            this.op = op;
        }

        boolean isCall() {
            return op != null;
        }

        /** Takes a call and its return out of the list. */
        void lift() {
            prev.next = next;
            if (next != null) {
                next.prev = prev;
            }
            match.prev.next = match.next;
            if (match.next != null) {
                match.next.prev = match.prev;
            }
        }

        /** Puts them back where they were (undoing lifts in reverse order). */
        void unlift() {
            match.prev.next = match;
            if (match.next != null) {
                match.next.prev = match;
            }
            prev.next = this;
            if (next != null) {
                next.prev = this;
            }
        }
    }
}
