package io.cairn.api.config;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's configuration as an OSGi service: the current immutable snapshot, and a way to
 * hear about reloads ({@code cairn reload}, SIGHUP, {@code PUT /v1/agent/reload}).
 */
@ProviderType
public interface AgentConfigService {

    /** The configuration in force now. */
    AgentConfig current();

    /**
     * Re-reads the configuration sources the agent was started with. On success the new
     * snapshot is in force and every listener has been told; on failure nothing changes.
     *
     * @throws ConfigException naming every problem found
     */
    AgentConfig reload() throws ConfigException;

    /** Called with the new snapshot after each successful reload. */
    void addListener(Consumer<AgentConfig> listener);

    void removeListener(Consumer<AgentConfig> listener);
}
