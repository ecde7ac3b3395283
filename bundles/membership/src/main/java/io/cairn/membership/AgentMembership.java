package io.cairn.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.MemberListener;
import io.cairn.api.membership.Membership;
import io.cairn.api.membership.MembershipException;
import io.cairn.api.membership.UserEvent;
import io.cairn.api.membership.UserEventListener;

/** This agent's pools behind the {@link Membership} service: the LAN pool, and the WAN pool on a server. */
public final class AgentMembership implements Membership {

    private final MemberPool lan;
    private final Optional<MemberPool> wan;

    public AgentMembership(MemberPool lan, Optional<MemberPool> wan) {
        this.lan = lan;
        this.wan = wan;
    }

    @Override
    public List<Member> members(boolean wanPool) {
        return wanPool ? wan.map(p -> p.members().members()).orElse(List.of()) : lan.members().members();
    }

    @Override
    public boolean entered() {
        return lan.entered();
    }

    @Override
    public int join(List<String> addresses, boolean wanPool) throws MembershipException {
        return pool(wanPool).join(addresses);
    }

    @Override
    public void leave() {
        wan.ifPresent(MemberPool::leave);
        lan.leave();
    }

    /** One pool's answer to a keyring operation. */
    public record PoolKeyring(boolean wan, KeyringResult result) {
    }

    /**
     * A keyring operation on every pool of this agent, the WAN pool first (a server), then the
     * LAN pool: each member of each pool applies it and answers.
     */
    public List<PoolKeyring> keyring(KeyringMessage.Op op, String key, Duration timeout) throws MembershipException {
        List<PoolKeyring> results = new ArrayList<>();
        if (wan.isPresent()) {
            results.add(new PoolKeyring(true, wan.get().keyring(op, key, timeout)));
        }
        results.add(new PoolKeyring(false, lan.keyring(op, key, timeout)));
        return results;
    }

    /** Announces new tags (after a reload) in every pool, when they changed. */
    public void retag(Map<String, String> tags) {
        lan.retag(tags);
        wan.ifPresent(p -> p.retag(tags));
    }

    public boolean hasLeft() {
        return lan.hasLeft();
    }

    @Override
    public boolean forceLeave(String node, boolean prune, boolean wanPool) {
        return wanPool ? wan.map(p -> p.forceLeave(node, prune)).orElse(false) : lan.forceLeave(node, prune);
    }

    @Override
    public UserEvent fireEvent(String name, byte[] payload, String nodeFilter, String serviceFilter, String tagFilter)
            throws MembershipException {
        return lan.fireEvent(name, payload, nodeFilter, serviceFilter, tagFilter);
    }

    @Override
    public void addEventListener(UserEventListener listener) {
        lan.events().addListener(listener);
    }

    @Override
    public void removeEventListener(UserEventListener listener) {
        lan.events().removeListener(listener);
    }

    @Override
    public void addListener(MemberListener listener) {
        lan.members().addListener(listener);
    }

    @Override
    public void removeListener(MemberListener listener) {
        lan.members().removeListener(listener);
    }

    private MemberPool pool(boolean wanPool) throws MembershipException {
        if (!wanPool) {
            return lan;
        }
        return wan.orElseThrow(() -> new MembershipException("This agent is not a server: it has no WAN pool"));
    }
}
