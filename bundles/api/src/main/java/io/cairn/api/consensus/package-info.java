/**
 * The consensus store: the Raft group of a data centre's servers, its status
 * ({@link io.cairn.api.consensus.ConsensusStore}), how servers are found
 * ({@link io.cairn.api.consensus.ServerDiscovery}) and what reads return
 * ({@link io.cairn.api.consensus.QueryResult}).
 */
@Export
@Version("1.0.0")
package io.cairn.api.consensus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
