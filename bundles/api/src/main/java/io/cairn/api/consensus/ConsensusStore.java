package io.cairn.api.consensus;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's Raft group as a service: published while this agent runs a Raft server.
 * Client agents have none.
 */
@ProviderType
public interface ConsensusStore {

    /** A consistent picture of this server's view of the group. */
    RaftStatus status();
}
