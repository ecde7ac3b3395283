package io.cairn.membership;

import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.util.Digest;

/**
 * STABLE, except that a member does not vote again while it received no broadcast since its last
 * vote in the same view. STABLE lets the members drop the broadcasts everyone has received; each
 * vote is a digest naming every member, sent to the coordinator every 20 s on average whether or
 * not anything was broadcast: at 100 members the coordinator received ~43 KB/s of votes at rest
 * (97% of its traffic), each member ~280 B/s of the results. A pool broadcasts rarely
 * (announcements, intents, user events, keyring operations), and a broadcast changes every
 * receiver's digest, so every member votes again once it has it.
 *
 * <p>Wire: STABLE's protocol id and headers (it takes STABLE's place in the stack).
 */
final class StableOnChange extends STABLE {

    private ViewId votedIn;
    private Digest voted;

    StableOnChange() {
        setId(ClassConfigurator.getProtocolId(STABLE.class));
    }

    @Override
    protected void sendStableMessage(boolean sendInBackground) {
        View current = view;
        Digest digest = getDigest();
        synchronized (this) {
            if (current == null || digest == null
                    || (current.getViewId().equals(votedIn) && digest.equals(voted))) {
                return;
            }
            votedIn = current.getViewId();
            voted = digest;
        }
        super.sendStableMessage(sendInBackground);
    }
}
