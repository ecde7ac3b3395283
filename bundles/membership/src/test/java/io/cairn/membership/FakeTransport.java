package io.cairn.membership;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.cairn.api.membership.Member;

/** A pool transport driven by the test: it delivers the views and intents the test makes up. */
final class FakeTransport implements PoolTransport {

    final List<Intent> broadcasts = new ArrayList<>();
    final List<List<InetSocketAddress>> joins = new ArrayList<>();
    List<InetSocketAddress> seeds;
    int answering;
    boolean left;
    private Events events;

    @Override
    public void start(Member self, List<InetSocketAddress> seeds, Events events) {
        this.seeds = seeds;
        this.events = events;
        events.view(List.of(self));
    }

    void view(Member... members) {
        events.view(List.of(members));
    }

    void intent(Intent intent) {
        events.intent(intent);
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
    public void leave() {
        left = true;
    }

    @Override
    public void close() {
    }
}
