package io.cairn.membership;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.cairn.api.membership.Member;
import io.cairn.api.membership.UserEvent;

/** A pool transport driven by the test: it delivers the views and intents the test makes up. */
final class FakeTransport implements PoolTransport {

    final List<Intent> broadcasts = new ArrayList<>();
    final List<List<InetSocketAddress>> joins = new ArrayList<>();
    final List<Member> announced = new ArrayList<>();
    final List<Member> forgotten = new ArrayList<>();
    final List<KeyringMessage.Request> keyringRequests = new ArrayList<>();
    /** The other members' answers to a keyring request (this agent answers for itself through the pool). */
    final List<Function<KeyringMessage.Request, KeyringMessage.Reply>> others = new ArrayList<>();
    List<InetSocketAddress> seeds;
    int answering;
    int connects;
    /** What {@link #connect} throws, when set. */
    Exception unconnectable;
    private Member self;
    boolean left;
    private Events events;
    private List<Member> view = List.of();

    @Override
    public void open(Member self, List<InetSocketAddress> seeds, Events events) {
        this.self = self;
        this.seeds = seeds;
        this.events = events;
    }

    /** Enters the pool alone, or fails as the test says. */
    @Override
    public void connect() throws Exception {
        connects++;
        if (unconnectable != null) {
            throw unconnectable;
        }
        view(self);
    }

    void view(Member... members) {
        view = List.of(members);
        events.view(view);
    }

    void intent(Intent intent) {
        events.intent(intent);
    }

    @Override
    public void forget(Member member) {
        forgotten.add(member);
    }

    @Override
    public int join(List<InetSocketAddress> addresses) {
        joins.add(addresses);
        return answering;
    }

    @Override
    public void broadcast(Intent intent) {
        broadcasts.add(intent);
        events.intent(intent);
    }

    @Override
    public void announce(Member self) {
        this.self = self;
        announced.add(self);
        if (!view.isEmpty()) { // not in the pool yet: it will enter with these tags
            view = view.stream().map(m -> m.name().equals(self.name()) ? self : m).toList();
            events.view(view);
        }
    }

    @Override
    public void keyring(KeyringMessage.Request request) {
        keyringRequests.add(request);
        events.keyring(request, events::keyringReply);
        others.forEach(other -> events.keyringReply(other.apply(request)));
    }

    @Override
    public void userEvent(UserEvent event) {
        events.userEvent(event);
    }

    @Override
    public void leave() {
        left = true;
    }

    @Override
    public void close() {
    }
}
