package io.cairn.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** The records and names of Consul's DNS answers, built from catalog values. */
final class Records {

    /** Node meta keys with this prefix are written as the bare value (Consul's rule for RFC 1035 TXT data). */
    private static final String RFC1035_PREFIX = "rfc1035-";
    private static final long SOA_REFRESH = 3600;
    private static final long SOA_RETRY = 600;
    private static final long SOA_EXPIRE = 86400;
    private static final long SOA_MINIMUM = 0;

    private Records() {
    }

    /**
     * The record that answers {@code type} for something reached at {@code address}: A for an
     * IPv4 address, AAAA for IPv6, CNAME for a host name; empty when the address does not
     * answer that type (an IPv4 address asked for AAAA).
     */
    static Optional<Record> address(Name owner, String address, int type, long ttl) {
        Optional<InetAddress> ip = ipLiteral(address);
        if (ip.isEmpty()) {
            return address.isBlank() || !wantsAddress(type) ? Optional.empty()
                    : hostName(address).map(target -> new CNAMERecord(owner, DClass.IN, ttl, target));
        }
        return address(owner, ip.get(), type, ttl);
    }

    static Optional<Record> address(Name owner, InetAddress ip, int type, long ttl) {
        boolean v4 = ip instanceof Inet4Address;
        if (type == Type.ANY || type == (v4 ? Type.A : Type.AAAA)) {
            return Optional.of(v4 ? new ARecord(owner, DClass.IN, ttl, ip) : new AAAARecord(owner, DClass.IN, ttl, ip));
        }
        return Optional.empty();
    }

    private static boolean wantsAddress(int type) {
        return type == Type.A || type == Type.AAAA || type == Type.ANY || type == Type.CNAME;
    }

    /** The address if it is an IP literal; never asks a resolver. */
    static Optional<InetAddress> ipLiteral(String address) {
        try {
            return Optional.of(Address.getByAddress(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static Optional<Name> hostName(String host) {
        try {
            return Optional.of(Name.fromString(host.endsWith(".") ? host : host + "."));
        } catch (TextParseException e) {
            return Optional.empty();
        }
    }

    /** One TXT record per node meta entry: {@code key=value}, or the bare value for {@code rfc1035-} keys. */
    static List<Record> nodeMeta(Name owner, Map<String, String> meta, long ttl) {
        return meta.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .<Record>map(e -> new TXTRecord(owner, DClass.IN, ttl, e.getKey().startsWith(RFC1035_PREFIX)
                        ? e.getValue() : e.getKey() + "=" + e.getValue()))
                .toList();
    }

    /** {@code ns.DOMAIN hostmaster.DOMAIN SERIAL 3600 600 86400 0}, as Consul. */
    static SOARecord soa(Name domain, long serial) {
        return new SOARecord(domain, DClass.IN, 0, child("ns", domain).orElseThrow(),
                child("hostmaster", domain).orElseThrow(), serial, SOA_REFRESH, SOA_RETRY, SOA_EXPIRE, SOA_MINIMUM);
    }

    /** {@code NODE.node.DC.DOMAIN}; empty when the node's name is no DNS name. */
    static Optional<Name> nodeName(String node, String datacenter, Name domain) {
        return child(node + ".node." + datacenter, domain);
    }

    /** {@code SERVICE.service.DC.DOMAIN}. */
    static Optional<Name> serviceName(String service, String datacenter, Name domain) {
        return child(service + ".service." + datacenter, domain);
    }

    /** {@code HEX.addr.DC.DOMAIN}: the SRV target of an instance with an address of its own. */
    static Optional<Name> addrName(InetAddress ip, String datacenter, Name domain) {
        return child(HexFormat.of().formatHex(ip.getAddress()) + ".addr." + datacenter, domain);
    }

    private static Optional<Name> child(String relative, Name domain) {
        try {
            return Optional.of(Name.fromString(relative, domain));
        } catch (TextParseException e) {
            return Optional.empty();
        }
    }
}
