package io.cairn.api.consensus;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The servers of this data centre known right now, including this one. Provided by the
 * membership bundle (from the LAN pool's {@code role=consul} members); the store uses it to
 * bootstrap the Raft group once {@code bootstrap_expect} servers are known and to map peers
 * to their server RPC addresses.
 */
@ProviderType
public interface ServerDiscovery {
    List<ServerCandidate> servers();
}
