package io.cairn.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.xbill.DNS.Name;

import io.cairn.dns.Lookup.AddressLookup;
import io.cairn.dns.Lookup.Apex;
import io.cairn.dns.Lookup.Foreign;
import io.cairn.dns.Lookup.NoSuchName;
import io.cairn.dns.Lookup.NodeLookup;
import io.cairn.dns.Lookup.ReverseLookup;
import io.cairn.dns.Lookup.ServiceLookup;

/**
 * Reads a query name as Consul does: keywords ({@code service}, {@code node}, {@code addr},
 * {@code dc}) ignore case; service, tag and node names are passed on as written, since the
 * catalog decides how they compare.
 */
public final class QueryNameParser {

    private static final Name IN_ADDR_ARPA = Name.fromConstantString("in-addr.arpa.");
    private static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");
    private static final String RFC2782_ANY_TAG = "tcp";

    private final Name domain;
    private final Optional<Name> altDomain;

    public QueryNameParser(Name domain, Optional<Name> altDomain) {
        this.domain = domain;
        this.altDomain = altDomain;
    }

    public Lookup parse(Name name) {
        if (name.subdomain(IN_ADDR_ARPA) || name.subdomain(IP6_ARPA)) {
            return new ReverseLookup(reverseAddress(name));
        }
        Optional<Name> in = domainOf(name);
        if (in.isEmpty()) {
            return new Foreign();
        }
        Name asked = in.get();
        List<String> labels = labelsBefore(name, asked);
        if (labels.isEmpty()) {
            return new Apex(asked);
        }
        return inDomain(labels, asked);
    }

    /** The domain a name is in; the longer one when the alternative domain sits inside the main one. */
    private Optional<Name> domainOf(Name name) {
        Optional<Name> alt = altDomain.filter(name::subdomain);
        if (alt.isPresent() && (!name.subdomain(domain) || alt.get().labels() > domain.labels())) {
            return alt;
        }
        return name.subdomain(domain) ? Optional.of(domain) : Optional.empty();
    }

    private static List<String> labelsBefore(Name name, Name suffix) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < name.labels() - suffix.labels(); i++) {
            labels.add(name.getLabelString(i));
        }
        return labels;
    }

    private static Lookup inDomain(List<String> labels, Name asked) {
        int n = labels.size();
        // "<dc>.dc" names the data centre explicitly; a bare trailing label after the keyword does too
        if (n >= 3 && keyword(labels.get(n - 1)).equals("dc") && isKeyword(labels.get(n - 3))) {
            return typed(labels.subList(0, n - 3), labels.get(n - 3), Optional.of(labels.get(n - 2)), asked);
        }
        if (isKeyword(labels.get(n - 1))) {
            return typed(labels.subList(0, n - 1), labels.get(n - 1), Optional.empty(), asked);
        }
        if (n >= 2 && isKeyword(labels.get(n - 2))) {
            return typed(labels.subList(0, n - 2), labels.get(n - 2), Optional.of(labels.get(n - 1)), asked);
        }
        // RFC 2782 without ".service": _NAME._TAG[.DC]
        if ((n == 2 || n == 3) && isRfc2782(labels.get(0), labels.get(1))) {
            return rfc2782(labels.get(0), labels.get(1), n == 3 ? Optional.of(labels.get(2)) : Optional.empty(), asked);
        }
        return new NoSuchName(asked);
    }

    private static Lookup typed(List<String> before, String type, Optional<String> datacenter, Name asked) {
        if (before.isEmpty()) {
            return new NoSuchName(asked);
        }
        return switch (keyword(type)) {
            case "service" -> service(before, datacenter, asked);
            case "node" -> new NodeLookup(String.join(".", before), datacenter, asked);
            case "addr" -> before.size() == 1
                    ? hexAddress(before.get(0)).<Lookup>map(a -> new AddressLookup(a, datacenter, asked))
                            .orElse(new NoSuchName(asked))
                    : new NoSuchName(asked);
            default -> new NoSuchName(asked);
        };
    }

    private static Lookup service(List<String> before, Optional<String> datacenter, Name asked) {
        int n = before.size();
        if (n == 2 && isRfc2782(before.get(0), before.get(1))) {
            return rfc2782(before.get(0), before.get(1), datacenter, asked);
        }
        // a tag may itself contain dots: everything before the service name is the tag
        Optional<String> tag = n == 1 ? Optional.empty() : Optional.of(String.join(".", before.subList(0, n - 1)));
        return new ServiceLookup(before.get(n - 1), tag, datacenter, asked);
    }

    private static Lookup rfc2782(String name, String tag, Optional<String> datacenter, Name asked) {
        String bareTag = tag.substring(1);
        return new ServiceLookup(name.substring(1),
                bareTag.equalsIgnoreCase(RFC2782_ANY_TAG) ? Optional.empty() : Optional.of(bareTag), datacenter, asked);
    }

    private static boolean isRfc2782(String first, String second) {
        return first.length() > 1 && first.startsWith("_") && second.length() > 1 && second.startsWith("_");
    }

    private static boolean isKeyword(String label) {
        return switch (keyword(label)) {
            case "service", "node", "addr", "query", "connect", "ingress", "virtual" -> true;
            default -> false;
        };
    }

    private static String keyword(String label) {
        return label.toLowerCase(Locale.ROOT);
    }

    /** 8 hex digits for IPv4, 32 for IPv6, as Consul writes SRV targets of services with their own address. */
    private static Optional<InetAddress> hexAddress(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(HexFormat.of().parseHex(hex)));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> reverseAddress(Name name) {
        boolean v4 = name.subdomain(IN_ADDR_ARPA);
        int parts = name.labels() - (v4 ? IN_ADDR_ARPA : IP6_ARPA).labels();
        if (parts != (v4 ? 4 : 32)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[v4 ? 4 : 16];
        try {
            for (int i = 0; i < parts; i++) {
                String label = name.getLabelString(parts - 1 - i);
                if (v4) {
                    int octet = Integer.parseInt(label);
                    if (octet < 0 || octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                } else {
                    int nibble = Character.digit(label.length() == 1 ? label.charAt(0) : 'x', 16);
                    if (nibble < 0) {
                        return Optional.empty();
                    }
                    bytes[i / 2] |= (byte) (i % 2 == 0 ? nibble << 4 : nibble);
                }
            }
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (NumberFormatException | UnknownHostException e) {
            return Optional.empty();
        }
    }
}
