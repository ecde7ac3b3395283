package io.cairn.dns;

import static io.cairn.dns.DnsFixtures.defaults;
import static io.cairn.dns.DnsFixtures.handler;
import static io.cairn.dns.DnsFixtures.query;
import static io.cairn.dns.DnsFixtures.service;
import static io.cairn.dns.DnsFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import io.cairn.api.catalog.HealthStatus;
import io.cairn.api.config.DnsConfig;
import io.cairn.api.http.Consistency;

class QueryHandlerTest {

    private final FakeCatalog catalog = new FakeCatalog()
            .node("n1", "10.0.0.1", Map.of("rack", "r1", "rfc1035-note", "plain"))
            .node("n2", "10.0.0.2", Map.of())
            .node("n3", "2001:db8::3", Map.of())
            .service("n1", service("web1", "web", List.of("v1", "primary"), "", 8080))
            .service("n2", service("web2", "web", List.of("v2"), "192.168.5.5", 8081))
            .service("n3", service("web3", "web", List.of("v2"), "", 8082))
            .service("n1", service("db", "db", List.of(), "", 5432));

    private Message ask(DnsConfig config, String name, int type) {
        return handler(config, catalog).answer(query(name, type)).toCompletableFuture().join();
    }

    private Message ask(String name, int type) {
        return ask(defaults(), name, type);
    }

    private static List<String> rdata(Message m, int section) {
        return m.getSection(section).stream().map(Record::rdataToString).sorted().toList();
    }

    @Test
    void serviceAddressesFallBackToTheNodeAddress() {
        Message a = ask("web.service.consul.", Type.A);
        assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(a.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(a.getHeader().getFlag(Flags.RA)).isFalse();
        assertThat(rdata(a, Section.ANSWER)).containsExactly("10.0.0.1", "192.168.5.5");
        assertThat(rdata(ask("web.service.consul.", Type.AAAA), Section.ANSWER)).containsExactly("2001:db8:0:0:0:0:0:3");
        assertThat(rdata(ask("web.SERVICE.DC1.Consul.", Type.ANY), Section.ANSWER)).hasSize(3);
    }

    @Test
    void tagsFilterInEveryForm() {
        assertThat(rdata(ask("v2.web.service.consul.", Type.A), Section.ANSWER)).containsExactly("192.168.5.5");
        assertThat(rdata(ask("_web._primary.service.consul.", Type.SRV), Section.ANSWER)).containsExactly("1 10 8080 n1.node.dc1.consul.");
        assertThat(rdata(ask("_web._tcp.consul.", Type.SRV), Section.ANSWER)).hasSize(3);
        assertThat(ask("v9.web.service.consul.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void srvNamesTheNodeOrTheServiceAddressWithTheirAddressesAndNodeMetaAsAdditional() {
        Message srv = ask("web.service.consul.", Type.SRV);
        assertThat(rdata(srv, Section.ANSWER)).containsExactly(
                "1 10 8080 n1.node.dc1.consul.", "1 10 8081 c0a80505.addr.dc1.consul.", "1 10 8082 n3.node.dc1.consul.");
        assertThat(srv.getSection(Section.ADDITIONAL)).extracting(r -> r.getName() + " " + Type.string(r.getType()) + " " + r.rdataToString())
                .containsExactlyInAnyOrder(
                        "n1.node.dc1.consul. A 10.0.0.1",
                        "n1.node.dc1.consul. TXT plain",
                        "n1.node.dc1.consul. TXT rack=r1",
                        "c0a80505.addr.dc1.consul. A 192.168.5.5",
                        "n3.node.dc1.consul. AAAA 2001:db8:0:0:0:0:0:3");
    }

    @Test
    void srvWeightFollowsHealth() {
        catalog.check("n1", "web1", HealthStatus.WARNING);
        assertThat(rdata(ask("_web._primary.service.consul.", Type.SRV), Section.ANSWER))
                .containsExactly("1 1 8080 n1.node.dc1.consul.");
    }

    @Test
    void criticalInstancesAreLeftOutAndWarningOnesOnlyWithOnlyPassing() {
        catalog.check("n2", "", HealthStatus.CRITICAL).check("n1", "web1", HealthStatus.WARNING);
        assertThat(rdata(ask("web.service.consul.", Type.A), Section.ANSWER)).containsExactly("10.0.0.1");
        assertThat(rdata(ask(with(b -> b.onlyPassing(true)), "web.service.consul.", Type.ANY), Section.ANSWER))
                .containsExactly("2001:db8:0:0:0:0:0:3");
        catalog.check("n3", "web3", HealthStatus.WARNING);
        assertThat(ask(with(b -> b.onlyPassing(true)), "web.service.consul.", Type.ANY).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void unknownNamesAreNxdomainWithTheSoa() {
        for (String name : List.of("nope.service.consul.", "nope.node.consul.", "what.consul.", "web.service.dc9.consul.")) {
            Message m = ask(name, Type.A);
            assertThat(m.getRcode()).as(name).isEqualTo(Rcode.NXDOMAIN);
            assertThat(m.getSection(Section.AUTHORITY)).singleElement().isInstanceOfSatisfying(SOARecord.class, soa -> {
                assertThat(soa.getName()).isEqualTo(DnsFixtures.CONSUL);
                assertThat(soa.rdataToString()).isEqualTo("ns.consul. hostmaster.consul. 1700000000 3600 600 86400 0");
            });
        }
    }

    @Test
    void anExistingNameWithoutThatTypeIsNodata() {
        for (String name : List.of("db.service.consul.", "n1.node.consul.", "7f000001.addr.dc1.consul.")) {
            Message m = ask(name, Type.AAAA);
            assertThat(m.getRcode()).as(name).isEqualTo(Rcode.NOERROR);
            assertThat(m.getSection(Section.ANSWER)).as(name).isEmpty();
            assertThat(m.getSection(Section.AUTHORITY)).as(name).singleElement().isInstanceOf(SOARecord.class);
        }
        assertThat(ask("n1.node.consul.", Type.SRV).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void nodesAnswerAddressAndMetaAsTxt() {
        assertThat(rdata(ask("n1.node.consul.", Type.A), Section.ANSWER)).containsExactly("10.0.0.1");
        assertThat(rdata(ask("n1.node.dc1.consul.", Type.TXT), Section.ANSWER)).containsExactly("plain", "rack=r1");
        assertThat(rdata(ask("n3.node.consul.", Type.AAAA), Section.ANSWER)).containsExactly("2001:db8:0:0:0:0:0:3");
        assertThat(rdata(ask("c0a80505.addr.dc1.consul.", Type.A), Section.ANSWER)).containsExactly("192.168.5.5");
    }

    @Test
    void reverseLookupsNameNodesThenServices() {
        assertThat(rdata(ask("1.0.0.10.in-addr.arpa.", Type.PTR), Section.ANSWER)).containsExactly("n1.node.dc1.consul.");
        assertThat(rdata(ask("5.5.168.192.in-addr.arpa.", Type.PTR), Section.ANSWER)).containsExactly("web.service.dc1.consul.");
        assertThat(ask("9.9.9.9.in-addr.arpa.", Type.PTR).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void theDomainHasSoaAndNsNamingThisAgent() {
        assertThat(rdata(ask("consul.", Type.SOA), Section.ANSWER))
                .containsExactly("ns.consul. hostmaster.consul. 1700000000 3600 600 86400 0");
        Message ns = ask("consul.", Type.NS);
        assertThat(rdata(ns, Section.ANSWER)).containsExactly("agent-1.node.dc1.consul.");
        assertThat(rdata(ns, Section.ADDITIONAL)).containsExactly("10.0.0.9");
        assertThat(ask("consul.", Type.A).getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void theAltDomainIsAnsweredInItsOwnNames() {
        Message srv = ask("db.service.cairn.test.", Type.SRV);
        assertThat(rdata(srv, Section.ANSWER)).containsExactly("1 10 5432 n1.node.dc1.cairn.test.");
    }

    @Test
    void ttlsComeFromDnsConfigWithWildcards() {
        DnsConfig config = with(b -> b.ttls(Duration.ofSeconds(30),
                Map.of("*", Duration.ofSeconds(5), "we*", Duration.ofSeconds(7), "db", Duration.ofSeconds(9))));
        assertThat(ask(config, "web.service.consul.", Type.A).getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 7);
        assertThat(ask(config, "db.service.consul.", Type.A).getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 9);
        assertThat(ask(config, "n1.node.consul.", Type.A).getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 30);
        assertThat(ask("web.service.consul.", Type.A).getSection(Section.ANSWER)).allMatch(r -> r.getTTL() == 0);
    }

    @Test
    void aRecordLimitCapsAddressAnswers() {
        assertThat(ask(with(b -> b.aRecordLimit(1)), "web.service.consul.", Type.ANY).getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void instancesAreShuffledPerAnswer() {
        QueryHandler shuffling = new QueryHandler(DnsFixtures.settings(defaults(), List.of()),
                () -> Optional.of(catalog), q -> null, Random::new, DnsFixtures.CLOCK);
        Set<List<Name>> orders = new HashSet<>();
        IntStream.range(0, 50).forEach(i -> orders.add(shuffling.answer(query("web.service.consul.", Type.SRV))
                .toCompletableFuture().join().getSection(Section.ANSWER).stream()
                .map(r -> ((SRVRecord) r).getTarget()).toList()));
        assertThat(orders).hasSizeGreaterThan(1);
    }

    @Test
    void readsAreStaleUnlessTheServerLagsBeyondMaxStale() {
        ask("web.service.consul.", Type.A);
        assertThat(catalog.reads).extracting(o -> o.consistency()).containsExactly(Consistency.STALE);
        catalog.reads.clear();
        catalog.lastContactMs = 5_000;
        ask(with(b -> b.maxStale(Duration.ofSeconds(1))), "web.service.consul.", Type.A);
        assertThat(catalog.reads).extracting(o -> o.consistency()).containsExactly(Consistency.STALE, Consistency.DEFAULT);
        catalog.reads.clear();
        ask(with(b -> b.allowStale(false)), "web.service.consul.", Type.A);
        assertThat(catalog.reads).extracting(o -> o.consistency()).containsExactly(Consistency.DEFAULT);
    }

    @Test
    void anotherKnownDatacentreIsAskedForByName() {
        catalog.datacenters = List.of("dc1", "dc2");
        Message srv = ask("db.service.dc2.consul.", Type.SRV);
        assertThat(catalog.reads).extracting(o -> o.datacenter()).containsExactly(Optional.of("dc2"));
        assertThat(rdata(srv, Section.ANSWER)).containsExactly("1 10 5432 n1.node.dc2.consul.");
    }

    @Test
    void withoutCatalogCatalogNamesFailButTheDomainStillAnswers() {
        QueryHandler noCatalog = handler(defaults(), null);
        assertThat(noCatalog.answer(query("web.service.consul.", Type.A)).toCompletableFuture().join().getRcode())
                .isEqualTo(Rcode.SERVFAIL);
        assertThat(noCatalog.answer(query("consul.", Type.SOA)).toCompletableFuture().join().getRcode())
                .isEqualTo(Rcode.NOERROR);
    }

    @Test
    void otherNamesAreRefusedWithoutRecursorsAndZoneTransfersNotImplemented() {
        Message foreign = ask("example.com.", Type.A);
        assertThat(foreign.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(foreign.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(ask("consul.", Type.AXFR).getRcode()).isEqualTo(Rcode.NOTIMP);
    }
}
