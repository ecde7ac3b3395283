package io.cairn.api.membership;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears every user event that reaches this agent over the LAN pool, its own included, whatever
 * its filters (the listener decides what applies here). Called on a membership thread: keep it short.
 *
 * @since 1.1
 */
@ConsumerType
@FunctionalInterface
public interface UserEventListener {
    void received(UserEvent event);
}
