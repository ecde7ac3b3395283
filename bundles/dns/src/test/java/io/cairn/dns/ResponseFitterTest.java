package io.cairn.dns;

import static io.cairn.dns.DnsFixtures.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponseFitterTest {

    private static final Name OWNER = Name.fromConstantString("web.service.consul.");

    /** An SRV answer for {@code count} instances, each target with its A record in the additional section. */
    private static Message srvAnswer(Message query, int count) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        IntStream.range(0, count).forEach(i -> {
            Name target = Name.fromConstantString("a-rather-long-node-name-" + i + ".node.dc1.consul.");
            response.addRecord(new SRVRecord(OWNER, DClass.IN, 0, 1, 1, 8000 + i, target), Section.ANSWER);
            response.addRecord(new ARecord(target, DClass.IN, 0, new byte[] {10, 0, (byte) (i >> 8), (byte) i}),
                    Section.ADDITIONAL);
        });
        return response;
    }

    private static Message edns(int size) {
        Message query = query("web.service.consul.", Type.SRV);
        query.addRecord(new OPTRecord(size, 0, 0), Section.ADDITIONAL);
        return query;
    }

    private static Message fit(ResponseFitter fitter, Message query, int instances, Transport transport) throws Exception {
        return new Message(fitter.toWire(query, srvAnswer(query, instances), transport));
    }

    @Test
    void plainUdpKeepsUdpAnswerLimitAnswersAndTheirAdditionalsWithoutTcUnlessEnableTruncate() throws Exception {
        Message query = query("web.service.consul.", Type.SRV);
        Message plain = fit(new ResponseFitter(3, false), query, 5, Transport.UDP);
        assertThat(plain.getSection(Section.ANSWER)).hasSize(3);
        assertThat(plain.getSection(Section.ADDITIONAL)).extracting(r -> r.getName())
                .containsExactlyElementsOf(plain.getSection(Section.ANSWER).stream().map(r -> ((SRVRecord) r).getTarget()).toList());
        assertThat(plain.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(fit(new ResponseFitter(3, true), query, 5, Transport.UDP).getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(fit(new ResponseFitter(3, true), query, 3, Transport.UDP).getHeader().getFlag(Flags.TC)).isFalse();
    }

    @Test
    void answersDroppedToFit512BytesAlwaysSetTc() throws Exception {
        Message query = query("web.service.consul.", Type.SRV);
        byte[] wire = new ResponseFitter(8, false).toWire(query, srvAnswer(query, 8), Transport.UDP);
        Message fitted = new Message(wire);
        assertThat(wire.length).isLessThanOrEqualTo(512);
        assertThat(fitted.getSection(Section.ANSWER)).hasSizeBetween(1, 7);
        assertThat(fitted.getSection(Section.ADDITIONAL)).hasSameSizeAs(fitted.getSection(Section.ANSWER));
        assertThat(fitted.getHeader().getFlag(Flags.TC)).isTrue();
    }

    @Test
    void ednsRaisesTheLimitToTheAdvertisedSizeAndEchoesOpt() throws Exception {
        ResponseFitter fitter = new ResponseFitter(3, false);
        Message all = fit(fitter, edns(4096), 20, Transport.UDP);
        assertThat(all.getSection(Section.ANSWER)).hasSize(20);
        assertThat(all.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(all.getOPT()).isNotNull().extracting(OPTRecord::getPayloadSize).isEqualTo(4096);

        byte[] wire = fitter.toWire(edns(1232), srvAnswer(edns(1232), 100), Transport.UDP);
        Message some = new Message(wire);
        assertThat(wire.length).isLessThanOrEqualTo(1232);
        assertThat(some.getSection(Section.ANSWER)).hasSizeBetween(10, 99);
        assertThat(some.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(some.getOPT()).isNotNull();
    }

    @Test
    void tcpCarriesEverythingUpTo64KiB() throws Exception {
        ResponseFitter fitter = new ResponseFitter(3, false);
        Message query = query("web.service.consul.", Type.SRV);
        Message all = fit(fitter, query, 500, Transport.TCP);
        assertThat(all.getSection(Section.ANSWER)).hasSize(500);
        assertThat(all.getHeader().getFlag(Flags.TC)).isFalse();

        byte[] wire = fitter.toWire(query, srvAnswer(query, 3000), Transport.TCP);
        assertThat(wire.length).isLessThanOrEqualTo(65_535);
        assertThat(new Message(wire).getHeader().getFlag(Flags.TC)).isTrue();
    }
}
