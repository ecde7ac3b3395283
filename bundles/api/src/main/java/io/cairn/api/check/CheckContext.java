package io.cairn.api.check;

import java.time.Clock;
import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/** What the runner tells a {@link CheckType} about the check it is running. */
@ProviderType
public interface CheckContext {

    /** The check's id on this agent ({@code service:web}). */
    String checkId();

    /** How long a run may take: the check's {@code Timeout}, 10 s when not given. */
    Duration timeout();

    /** The check's status and output as they stand before this run. */
    CheckResult current();

    /** The agent's clock (a fake one in tests). */
    Clock clock();
}
