package io.cairn.dns;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import io.cairn.api.catalog.Service;
import io.cairn.api.catalog.Weights;
import io.cairn.api.config.DnsConfig;
import io.cairn.config.ConfigLoader;

/** Settings, queries and services for the tests: the real defaults of a {@code -dev} agent. */
final class DnsFixtures {

    static final Name CONSUL = Name.fromConstantString("consul.");
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private DnsFixtures() {
    }

    static DnsConfig defaults() {
        try {
            return ConfigLoader.fromArgs(List.of("-dev")).config().dnsConfig();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The defaults with some {@code dns_config} values changed. */
    static DnsConfig with(UnaryOperator<DnsConfigBuilder> change) {
        return change.apply(new DnsConfigBuilder(defaults())).build();
    }

    static DnsSettings settings(DnsConfig config, List<InetSocketAddress> recursors) {
        return new DnsSettings(List.of("127.0.0.70"), 0, CONSUL, Optional.of(Name.fromConstantString("cairn.test.")),
                "dc1", "agent-1", "10.0.0.9", config, recursors);
    }

    static QueryHandler handler(DnsConfig config, FakeCatalog catalog) {
        return new QueryHandler(settings(config, List.of()), () -> Optional.ofNullable(catalog),
                query -> { throw new AssertionError("no recursors configured"); }, () -> new Random(7), CLOCK);
    }

    static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
    }

    static Service service(String id, String name, List<String> tags, String address, int port) {
        return new Service(Optional.empty(), id, name, tags, address, Map.of(), Map.of(), port, new Weights(10, 1),
                false, 1, 1);
    }

    /** The dns_config record has many components: change only the ones a test is about. */
    static final class DnsConfigBuilder {
        private DnsConfig c;

        DnsConfigBuilder(DnsConfig c) {
            this.c = c;
        }

        DnsConfigBuilder onlyPassing(boolean v) {
            c = new DnsConfig(c.allowStale(), c.maxStale(), c.nodeTtl(), c.serviceTtl(), c.udpAnswerLimit(),
                    c.aRecordLimit(), c.enableTruncate(), v, c.recursorTimeout(), c.disableCompression(),
                    c.enableAdditionalNodeMetaTxt());
            return this;
        }

        DnsConfigBuilder ttls(Duration node, Map<String, Duration> service) {
            c = new DnsConfig(c.allowStale(), c.maxStale(), node, service, c.udpAnswerLimit(), c.aRecordLimit(),
                    c.enableTruncate(), c.onlyPassing(), c.recursorTimeout(), c.disableCompression(),
                    c.enableAdditionalNodeMetaTxt());
            return this;
        }

        DnsConfigBuilder aRecordLimit(int v) {
            c = new DnsConfig(c.allowStale(), c.maxStale(), c.nodeTtl(), c.serviceTtl(), c.udpAnswerLimit(), v,
                    c.enableTruncate(), c.onlyPassing(), c.recursorTimeout(), c.disableCompression(),
                    c.enableAdditionalNodeMetaTxt());
            return this;
        }

        DnsConfigBuilder maxStale(Duration v) {
            c = new DnsConfig(c.allowStale(), v, c.nodeTtl(), c.serviceTtl(), c.udpAnswerLimit(), c.aRecordLimit(),
                    c.enableTruncate(), c.onlyPassing(), c.recursorTimeout(), c.disableCompression(),
                    c.enableAdditionalNodeMetaTxt());
            return this;
        }

        DnsConfigBuilder allowStale(boolean v) {
            c = new DnsConfig(v, c.maxStale(), c.nodeTtl(), c.serviceTtl(), c.udpAnswerLimit(), c.aRecordLimit(),
                    c.enableTruncate(), c.onlyPassing(), c.recursorTimeout(), c.disableCompression(),
                    c.enableAdditionalNodeMetaTxt());
            return this;
        }

        DnsConfig build() {
            return c;
        }
    }
}
