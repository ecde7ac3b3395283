/**
 * Consul's sessions: the {@link io.cairn.api.session.Session} model and the
 * {@link io.cairn.api.session.SessionStore} service the store bundle provides. A session
 * holds KV locks; when it ends (destroyed, TTL expired, its node or a listed check failed)
 * its locks are released or its keys deleted, per its {@link io.cairn.api.session.SessionBehavior}.
 */
@Export
@Version("1.0.0")
package io.cairn.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
