package io.cairn.api.session;

import java.util.Locale;
import java.util.Optional;

/** What happens to the keys a session holds when the session ends. */
public enum SessionBehavior {
    /** The locks are released; the keys stay. Consul's default. */
    RELEASE,
    /** The keys are deleted. */
    DELETE;

    /** The name Consul uses on the wire: {@code release} or {@code delete}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The behavior named {@code release} or {@code delete} (exactly, as Consul); empty for anything else. */
    public static Optional<SessionBehavior> byWireName(String name) {
        for (SessionBehavior b : values()) {
            if (b.wireName().equals(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
