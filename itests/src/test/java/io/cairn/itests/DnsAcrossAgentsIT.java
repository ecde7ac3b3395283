package io.cairn.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A program beside a client agent finds, through that agent's DNS, a service registered on
 * a server: the client answers from the servers' catalog over server RPC.
 */
class DnsAcrossAgentsIT {

    private static final String SERVER = "127.0.0.74";
    private static final String CLIENT = "127.0.0.75";

    @Test
    void aServiceRegisteredOnTheServerIsAnsweredByTheClientAgentsDns() throws Exception {
        try (AgentProcess server = AgentProcess.start(SERVER + ":8500", "-server", "-bootstrap", "-node", "dns-server",
                "-bind", SERVER, "-client", SERVER, "-data-dir", AgentProcess.tempDataDir("dns-server").toString());
             AgentProcess client = AgentProcess.start(CLIENT + ":8500", "-node", "dns-client", "-bind", CLIENT,
                     "-client", CLIENT, "-retry-join", SERVER,
                     "-data-dir", AgentProcess.tempDataDir("dns-client").toString())) {
            server.awaitRunning();
            client.awaitRunning();
            await().atMost(Duration.ofSeconds(60)).until(() -> server.get("/v1/status/leader").body().contains(SERVER));

            HttpResponse<String> registered = server.put("/v1/catalog/register",
                    "{\"Node\":\"db-1\",\"Address\":\"10.1.2.3\",\"Service\":{\"Service\":\"db\",\"Port\":5432}}");
            assertThat(registered.body()).isEqualTo("true");

            SimpleResolver clientDns = new SimpleResolver(new InetSocketAddress(CLIENT, 8600));
            clientDns.setTimeout(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Message answer = clientDns.send(query("db.service.consul.", Type.A));
                assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("10.1.2.3");
            });
            Message srv = clientDns.send(query("db.service.consul.", Type.SRV));
            assertThat(srv.getSection(Section.ANSWER)).extracting(Record::rdataToString)
                    .containsExactly("1 1 5432 db-1.node.dc1.consul.");

            server.put("/v1/catalog/deregister", "{\"Node\":\"db-1\"}");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    clientDns.send(query("db.service.consul.", Type.A)).getRcode() == Rcode.NXDOMAIN);
        }
    }

    private static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    }
}
