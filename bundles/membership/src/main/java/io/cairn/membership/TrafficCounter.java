package io.cairn.membership;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.View;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

/**
 * Counts the pool's traffic right above the transport (below gossip encryption, so sealed
 * sizes count): the serialized size of every message this member sends, a message to the
 * whole pool once per other member (TCP sends it to each), and of every message it receives
 * from another member. The transport's own framing (a few bytes per message or batch) and
 * FD_SOCK2's socket are not counted.
 */
public final class TrafficCounter extends Protocol {

    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final Map<String, LongAdder> receivedBy = new ConcurrentHashMap<>();
    private volatile Address self;
    private volatile int others;

    public long bytesSent() {
        return sent.sum();
    }

    public long bytesReceived() {
        return received.sum();
    }

    /** The bytes received by the protocol whose header a message carries first (its sender's topmost). */
    public Map<String, Long> bytesReceivedByProtocol() {
        Map<String, Long> by = new TreeMap<>();
        receivedBy.forEach((k, v) -> by.put(k, v.sum()));
        return by;
    }

    @Override
    public Object down(Event evt) {
        if (evt.getType() == Event.VIEW_CHANGE) {
            View view = evt.getArg();
            others = Math.max(0, view.size() - 1);
        }
        return down_prot.down(evt);
    }

    @Override
    public Object down(Message msg) {
        long size = msg.size();
        sent.add(msg.getDest() == null ? size * others : size);
        return down_prot.down(msg);
    }

    @Override
    public Object up(Message msg) {
        count(msg);
        return up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        for (Message msg : batch) {
            count(msg);
        }
        up_prot.up(batch);
    }

    private void count(Message msg) {
        Address me = self;
        if (me == null && getProtocolStack() != null && getProtocolStack().getChannel() != null) {
            me = self = getProtocolStack().getChannel().getAddress();
        }
        if (me == null || !me.equals(msg.getSrc())) {
            int size = msg.size();
            received.add(size);
            receivedBy.computeIfAbsent(owner(msg), k -> new LongAdder()).add(size);
        }
    }

    private static String owner(Message msg) {
        org.jgroups.Header[] headers = msg instanceof org.jgroups.BaseMessage b ? b.headers() : new org.jgroups.Header[0];
        for (org.jgroups.Header h : headers) {
            if (h != null) {
                Class<?> c = ClassConfigurator.getProtocol(h.getProtId());
                return c == null ? String.valueOf(h.getProtId()) : c.getSimpleName();
            }
        }
        return "none";
    }
}
