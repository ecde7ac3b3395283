package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The DNS interface of a dev agent as a resolver meets it: services registered through
 * {@code PUT /v1/catalog/register}, asked over UDP and TCP with dnsjava's resolver.
 */
class DnsIT {

    private static final String HOST = "127.0.0.70";
    private static AgentProcess agent;

    @BeforeAll
    static void startAndRegister() throws Exception {
        agent = AgentProcess.start(HOST + ":8500", "-dev", "-bind", HOST, "-client", HOST, "-node", "dns-dev");
        agent.awaitRunning();
        // the catalog takes writes once the dev server has elected itself
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(agent.get("/v1/catalog/services").body()).contains("consul"));
        register("""
                {"Node":"web-n1","Address":"10.1.0.1","NodeMeta":{"rack":"r1"},
                 "Service":{"ID":"web1","Service":"web","Tags":["v1","primary"],"Port":8080,"Weights":{"Passing":10,"Warning":1}},
                 "Check":{"CheckID":"web1","Name":"alive","ServiceID":"web1","Status":"passing"}}""");
        register("""
                {"Node":"web-n2","Address":"10.1.0.2",
                 "Service":{"ID":"web2","Service":"web","Tags":["v2"],"Address":"192.168.7.7","Port":8081}}""");
        register("""
                {"Node":"web-n3","Address":"10.1.0.3",
                 "Service":{"ID":"web3","Service":"web","Tags":["v2"],"Port":8082},
                 "Check":{"CheckID":"web3","Name":"dead","ServiceID":"web3","Status":"critical"}}""");
        register("""
                {"Node":"Api-N1","Address":"10.1.0.9","Service":{"ID":"Api1","Service":"Api","Port":7000}}""");
        for (int i = 0; i < 40; i++) {
            register("""
                    {"Node":"big-node-with-a-long-name-%d","Address":"10.2.0.%d","Service":{"Service":"big","Port":9000}}"""
                    .formatted(i, i));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(udp().send(query("big.service.consul.", Type.SRV)).getRcode()).isEqualTo(Rcode.NOERROR));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private static void register(String body) throws Exception {
        assertThat(agent.put("/v1/catalog/register", body).body()).isEqualTo("true");
    }

    private static SimpleResolver resolver(boolean tcp) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(HOST, 8600));
        resolver.setTCP(tcp);
        resolver.setIgnoreTruncation(true);
        resolver.setEDNS(-1, 0, 0, List.of());
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    private static SimpleResolver udp() {
        return resolver(false);
    }

    private static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    }

    private static List<String> answers(Message m) {
        return m.getSection(Section.ANSWER).stream().map(Record::rdataToString).sorted().toList();
    }

    @Test
    void serviceNamesInEveryFormAnswerOnlyHealthyInstances() throws Exception {
        assertThat(answers(udp().send(query("web.service.consul.", Type.A)))).containsExactly("10.1.0.1", "192.168.7.7");
        assertThat(answers(udp().send(query("v2.web.service.dc1.consul.", Type.A)))).containsExactly("192.168.7.7");
        assertThat(answers(udp().send(query("_web._primary.service.consul.", Type.SRV))))
                .containsExactly("1 10 8080 web-n1.node.dc1.consul.");
        assertThat(answers(udp().send(query("_web._tcp.consul.", Type.SRV))))
                .containsExactly("1 1 8081 c0a80707.addr.dc1.consul.", "1 10 8080 web-n1.node.dc1.consul.");
        Message srv = udp().send(query("web.service.consul.", Type.SRV));
        assertThat(srv.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(srv.getSection(Section.ADDITIONAL)).extracting(r -> r.getName() + " " + r.rdataToString())
                .contains("web-n1.node.dc1.consul. 10.1.0.1", "web-n1.node.dc1.consul. rack=r1",
                        "c0a80707.addr.dc1.consul. 192.168.7.7");
    }

    @Test
    void namesMatchIgnoringCaseOnEitherSide() throws Exception {
        assertThat(answers(udp().send(query("WEB.Service.Consul.", Type.A)))).containsExactly("10.1.0.1", "192.168.7.7");
        assertThat(answers(udp().send(query("api.service.consul.", Type.A)))).as("registered as Api").containsExactly("10.1.0.9");
        assertThat(answers(udp().send(query("api-n1.node.consul.", Type.A)))).as("registered as Api-N1").containsExactly("10.1.0.9");
    }

    @Test
    void nodesAddressesReverseNamesAndTheDomain() throws Exception {
        assertThat(answers(udp().send(query("web-n1.node.consul.", Type.A)))).containsExactly("10.1.0.1");
        assertThat(answers(udp().send(query("web-n1.node.dc1.consul.", Type.TXT)))).containsExactly("rack=r1");
        assertThat(answers(udp().send(query("c0a80707.addr.dc1.consul.", Type.A)))).containsExactly("192.168.7.7");
        assertThat(answers(udp().send(query("1.0.1.10.in-addr.arpa.", Type.PTR)))).containsExactly("web-n1.node.dc1.consul.");
        assertThat(answers(udp().send(query("consul.", Type.SOA)))).singleElement().asString().startsWith("ns.consul. hostmaster.consul.");
        assertThat(answers(udp().send(query("consul.", Type.NS)))).containsExactly("dns-dev.node.dc1.consul.");
    }

    @Test
    void unknownNamesAreNxdomainAndMissingTypesNodataBothWithTheSoa() throws Exception {
        Message nx = udp().send(query("nope.service.consul.", Type.A));
        assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(nx.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        Message nodata = udp().send(query("web.service.consul.", Type.AAAA));
        assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
        assertThat(nodata.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        assertThat(udp().send(query("example.com.", Type.A)).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void largeAnswersAreCutToFitUdpWithTcAndWholeOverTcpAndEdns() throws Exception {
        // plain UDP: udp_answer_limit (3) answers, a policy of Consul's that sets TC only with enable_truncate
        Message plain = udp().send(query("big.service.consul.", Type.SRV));
        assertThat(plain.getSection(Section.ANSWER)).hasSize(3);
        assertThat(plain.getSection(Section.ADDITIONAL)).hasSize(3);
        assertThat(plain.getHeader().getFlag(Flags.TC)).isFalse();

        // answers dropped to fit the size the client can take always set TC
        SimpleResolver small = udp();
        small.setEDNS(0, 1232, 0, List.of());
        Message cut = small.send(query("big.service.consul.", Type.SRV));
        assertThat(cut.numBytes()).isLessThanOrEqualTo(1232);
        assertThat(cut.getSection(Section.ANSWER)).hasSizeBetween(1, 39);
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getOPT()).isNotNull();

        Message tcp = resolver(true).send(query("big.service.consul.", Type.SRV));
        assertThat(tcp.getSection(Section.ANSWER)).hasSize(40);
        assertThat(tcp.getSection(Section.ADDITIONAL)).hasSize(40);
        assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();

        SimpleResolver edns = udp();
        edns.setEDNS(0, 4096, 0, List.of());
        Message large = edns.send(query("big.service.consul.", Type.A));
        assertThat(large.getSection(Section.ANSWER)).hasSize(40);
        assertThat(large.getOPT()).isNotNull();
        assertThat(large.getHeader().getFlag(Flags.TC)).isFalse();
    }
}
