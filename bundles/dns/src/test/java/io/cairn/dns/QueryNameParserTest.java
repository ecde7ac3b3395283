package io.cairn.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import io.cairn.dns.Lookup.AddressLookup;
import io.cairn.dns.Lookup.Apex;
import io.cairn.dns.Lookup.Foreign;
import io.cairn.dns.Lookup.NoSuchName;
import io.cairn.dns.Lookup.NodeLookup;
import io.cairn.dns.Lookup.ReverseLookup;
import io.cairn.dns.Lookup.ServiceLookup;

class QueryNameParserTest {

    private static final Name CONSUL = Name.fromConstantString("consul.");
    private static final Name ALT = Name.fromConstantString("cairn.example.");
    private final QueryNameParser parser = new QueryNameParser(CONSUL, Optional.of(ALT));

    private Lookup parse(String name) {
        return parser.parse(Name.fromConstantString(name));
    }

    @Test
    void serviceNamesWithTagsAndDatacentres() {
        assertThat(parse("web.service.consul.")).isEqualTo(new ServiceLookup("web", Optional.empty(), Optional.empty(), CONSUL));
        assertThat(parse("WEB.Service.CONSUL.")).isEqualTo(new ServiceLookup("WEB", Optional.empty(), Optional.empty(), CONSUL));
        assertThat(parse("v1.web.service.dc2.consul."))
                .isEqualTo(new ServiceLookup("web", Optional.of("v1"), Optional.of("dc2"), CONSUL));
        assertThat(parse("web.service.dc2.dc.consul."))
                .isEqualTo(new ServiceLookup("web", Optional.empty(), Optional.of("dc2"), CONSUL));
        // a tag may contain dots
        assertThat(parse("v1.2.web.service.consul."))
                .isEqualTo(new ServiceLookup("web", Optional.of("v1.2"), Optional.empty(), CONSUL));
    }

    @Test
    void rfc2782NamesWithAndWithoutServiceKeyword() {
        assertThat(parse("_web._primary.service.consul."))
                .isEqualTo(new ServiceLookup("web", Optional.of("primary"), Optional.empty(), CONSUL));
        assertThat(parse("_web._tcp.service.dc1.consul."))
                .isEqualTo(new ServiceLookup("web", Optional.empty(), Optional.of("dc1"), CONSUL));
        assertThat(parse("_web._tcp.consul.")).isEqualTo(new ServiceLookup("web", Optional.empty(), Optional.empty(), CONSUL));
        assertThat(parse("_web._v2.dc3.consul."))
                .isEqualTo(new ServiceLookup("web", Optional.of("v2"), Optional.of("dc3"), CONSUL));
    }

    @Test
    void nodesAddressesAndTheApex() throws Exception {
        assertThat(parse("node-1.node.consul.")).isEqualTo(new NodeLookup("node-1", Optional.empty(), CONSUL));
        assertThat(parse("node-1.node.dc1.consul.")).isEqualTo(new NodeLookup("node-1", Optional.of("dc1"), CONSUL));
        assertThat(parse("7f000001.addr.dc1.consul."))
                .isEqualTo(new AddressLookup(InetAddress.getByName("127.0.0.1"), Optional.of("dc1"), CONSUL));
        assertThat(parse("20010db8000000000000000000000001.addr.dc1.consul."))
                .isEqualTo(new AddressLookup(InetAddress.getByName("2001:db8::1"), Optional.of("dc1"), CONSUL));
        assertThat(parse("consul.")).isEqualTo(new Apex(CONSUL));
    }

    @Test
    void theAltDomainIsAnsweredInItsOwnName() {
        assertThat(parse("web.service.cairn.example."))
                .isEqualTo(new ServiceLookup("web", Optional.empty(), Optional.empty(), ALT));
        assertThat(parse("cairn.example.")).isEqualTo(new Apex(ALT));
    }

    @Test
    void unknownFormsInTheDomainAreNoSuchNameAndOthersAreForeign() {
        assertThat(parse("service.consul.")).isEqualTo(new NoSuchName(CONSUL));
        assertThat(parse("foo.consul.")).isEqualTo(new NoSuchName(CONSUL));
        assertThat(parse("zz.addr.dc1.consul.")).isEqualTo(new NoSuchName(CONSUL));
        assertThat(parse("geo.query.consul.")).isEqualTo(new NoSuchName(CONSUL));
        assertThat(parse("example.com.")).isEqualTo(new Foreign());
        assertThat(parse("consul.example.com.")).isEqualTo(new Foreign());
    }

    @Test
    void reverseNamesSpellAWholeAddress() throws Exception {
        assertThat(parse("4.3.2.10.in-addr.arpa.")).isEqualTo(new ReverseLookup(Optional.of(InetAddress.getByName("10.2.3.4"))));
        assertThat(parse("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."))
                .isEqualTo(new ReverseLookup(Optional.of(InetAddress.getByName("2001:db8::1"))));
        assertThat(parse("3.2.10.in-addr.arpa.")).isEqualTo(new ReverseLookup(Optional.empty()));
    }
}
