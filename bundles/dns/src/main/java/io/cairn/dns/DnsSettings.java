package io.cairn.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import io.cairn.api.config.AgentConfig;
import io.cairn.api.config.DnsConfig;
import io.cairn.api.config.Ports;

/**
 * What the DNS interface takes from the agent configuration: where it listens, the domains it
 * is authoritative for, how it answers ({@code dns_config}) and where other names go
 * ({@code recursors}).
 *
 * @param hosts         the addresses to listen on ({@code addresses.dns}, else {@code client_addr})
 * @param port          {@code ports.dns}
 * @param domain        {@code domain}, absolute
 * @param altDomain     {@code alt_domain}, absolute
 * @param datacenter    this agent's data centre, the one names without a data centre ask about
 * @param nodeName      this agent's node: the name server named in SOA/NS answers
 * @param nodeAddress   where that node is reached (the glue of NS answers)
 * @param config        {@code dns_config}
 * @param recursors     upstream servers for names outside the domains, tried in order
 */
public record DnsSettings(List<String> hosts, int port, Name domain, Optional<Name> altDomain, String datacenter,
                          String nodeName, String nodeAddress, DnsConfig config,
                          List<InetSocketAddress> recursors) {

    private static final int DNS_PORT = 53;

    public DnsSettings {
        hosts = List.copyOf(hosts);
        recursors = List.copyOf(recursors);
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(config, "config");
    }

    /** The settings of an agent, empty when its DNS port is disabled. */
    public static Optional<DnsSettings> of(AgentConfig agent) {
        if (!Ports.enabled(agent.ports().dns())) {
            return Optional.empty();
        }
        return Optional.of(new DnsSettings(List.of(agent.addresses().dns().trim().split("\\s+")), agent.ports().dns(),
                absolute(agent.domain()), agent.altDomain().filter(d -> !d.isBlank()).map(DnsSettings::absolute),
                agent.datacenter(), agent.nodeName(), agent.advertiseAddr(), agent.dnsConfig(),
                agent.recursors().stream().map(DnsSettings::recursorAddress).toList()));
    }

    /** The TTL of a service's records: its own {@code service_ttl} entry, else the longest matching {@code prefix*}, else 0. */
    public Duration serviceTtl(String service) {
        Map<String, Duration> ttls = config.serviceTtl();
        Duration exact = ttls.get(service);
        if (exact != null) {
            return exact;
        }
        return ttls.entrySet().stream()
                .filter(e -> e.getKey().endsWith("*") && service.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(Duration.ZERO);
    }

    public Duration nodeTtl() {
        return config.nodeTtl();
    }

    /** Recursion is offered only with somewhere to recurse to, as Consul. */
    public boolean recursionAvailable() {
        return !recursors.isEmpty();
    }

    private static Name absolute(String domain) {
        try {
            return Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("domain " + domain + " is not a DNS name: " + e.getMessage(), e);
        }
    }

    /** {@code 8.8.8.8}, {@code 8.8.8.8:5353}, {@code ::1} or {@code [::1]:5353}; port 53 when none is given. */
    static InetSocketAddress recursorAddress(String recursor) {
        String host = recursor;
        int port = DNS_PORT;
        if (recursor.startsWith("[")) {
            int end = recursor.indexOf(']');
            host = recursor.substring(1, end);
            if (recursor.length() > end + 1) {
                port = Integer.parseInt(recursor.substring(end + 2));
            }
        } else if (recursor.indexOf(':') == recursor.lastIndexOf(':') && recursor.contains(":")) {
            host = recursor.substring(0, recursor.indexOf(':'));
            port = Integer.parseInt(recursor.substring(recursor.indexOf(':') + 1));
        }
        return new InetSocketAddress(host, port);
    }
}
