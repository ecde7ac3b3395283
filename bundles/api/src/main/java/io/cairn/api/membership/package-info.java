/**
 * Membership: the LAN pool of a data centre's agents and the WAN pool of all servers, as
 * {@code /v1/agent/members} shows them ({@link io.cairn.api.membership.Member}), and the
 * {@link io.cairn.api.membership.Membership} service that joins, leaves and reports changes,
 * and user events ({@link io.cairn.api.membership.UserEvent}) spread over the LAN pool.
 */
@Export
@Version("1.2.0")
package io.cairn.api.membership;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
