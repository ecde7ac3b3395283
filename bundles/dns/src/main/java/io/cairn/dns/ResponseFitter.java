package io.cairn.dns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Fits an answer to what the transport carries and writes it out.
 *
 * <ul>
 * <li>UDP without EDNS0: at most {@code udp_answer_limit} answers (never more than 8, as
 * Consul), then at most 512 bytes.</li>
 * <li>UDP with EDNS0: up to the size the client advertised; the OPT record is echoed.</li>
 * <li>TCP: up to 64 KiB.</li>
 * </ul>
 *
 * Unlike Consul, answers dropped to fit a size always set TC, so that resolvers retry over TCP
 * and get the whole set (Consul sets it only with {@code enable_truncate}). Answers left out
 * by {@code udp_answer_limit} are a policy rather than a size limit: they set TC only with
 * {@code enable_truncate}, as in Consul. Additional records follow the answers they belong to.
 */
public final class ResponseFitter {

    static final int MAX_UDP_ANSWER_LIMIT = 8;
    static final int PLAIN_UDP_SIZE = 512;
    /** The largest UDP payload over IPv4. */
    static final int MAX_UDP_SIZE = 65_507;
    static final int MAX_TCP_SIZE = 65_535;

    private final int udpAnswerLimit;
    private final boolean enableTruncate;

    public ResponseFitter(int udpAnswerLimit, boolean enableTruncate) {
        this.udpAnswerLimit = Math.min(MAX_UDP_ANSWER_LIMIT, udpAnswerLimit);
        this.enableTruncate = enableTruncate;
    }

    /** {@code response} as it goes on the wire in answer to {@code query} over {@code transport}. */
    public byte[] toWire(Message query, Message response, Transport transport) {
        OPTRecord edns = query.getOPT();
        if (edns != null && response.getOPT() == null) {
            response.addRecord(new OPTRecord(Math.max(PLAIN_UDP_SIZE, edns.getPayloadSize()), 0, 0), Section.ADDITIONAL);
        }
        List<Record> answers = response.getSection(Section.ANSWER);
        boolean truncated = false;
        if (transport == Transport.UDP && edns == null && answers.size() > udpAnswerLimit) {
            answers = answers.subList(0, udpAnswerLimit);
            truncated = enableTruncate;
        }
        int maxSize = maxSize(edns, transport);
        Message out = withAnswers(response, answers);
        byte[] wire = out.toWire();
        if (wire.length > maxSize) {
            out = withAnswers(response, answers.subList(0, largestFitting(response, answers, maxSize)));
            truncated = true;
            if (out.toWire().length > maxSize) {
                out.removeAllRecords(Section.AUTHORITY);
                keepOnly(out, Section.ADDITIONAL, OPTRecord.class);
            }
        } else if (!truncated) {
            return wire;
        }
        if (truncated) {
            out.getHeader().setFlag(Flags.TC);
        }
        return out.toWire(maxSize);
    }

    private static int maxSize(OPTRecord edns, Transport transport) {
        if (transport == Transport.TCP) {
            return MAX_TCP_SIZE;
        }
        return edns == null ? PLAIN_UDP_SIZE : Math.min(MAX_UDP_SIZE, Math.max(PLAIN_UDP_SIZE, edns.getPayloadSize()));
    }

    /** The most leading answers (with their additional records) that fit; binary search, each probe one serialisation. */
    private static int largestFitting(Message response, List<Record> answers, int maxSize) {
        int low = 0;
        int high = answers.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (withAnswers(response, answers.subList(0, mid)).toWire().length <= maxSize) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /**
     * A copy of the response with only these answers, and only the additional records that
     * belong to them (the targets of SRV and NS records) or to no answer at all (OPT).
     */
    private static Message withAnswers(Message response, List<Record> answers) {
        Message copy = response.clone();
        List<Record> all = response.getSection(Section.ANSWER);
        if (answers.size() == all.size()) {
            return copy;
        }
        copy.removeAllRecords(Section.ANSWER);
        answers.forEach(r -> copy.addRecord(r, Section.ANSWER));
        Set<Name> referenced = new HashSet<>();
        Set<Name> dropped = new HashSet<>();
        answers.forEach(r -> add(referenced, r.getAdditionalName()));
        all.forEach(r -> add(dropped, r.getAdditionalName()));
        dropped.removeAll(referenced);
        List<Record> additional = new ArrayList<>(copy.getSection(Section.ADDITIONAL));
        copy.removeAllRecords(Section.ADDITIONAL);
        additional.stream().filter(r -> !dropped.contains(r.getName())).forEach(r -> copy.addRecord(r, Section.ADDITIONAL));
        return copy;
    }

    private static void add(Set<Name> names, Name name) {
        if (name != null) {
            names.add(name);
        }
    }

    private static void keepOnly(Message message, int section, Class<? extends Record> kind) {
        List<Record> kept = message.getSection(section).stream().filter(kind::isInstance).toList();
        message.removeAllRecords(section);
        kept.forEach(r -> message.addRecord(r, section));
    }
}
