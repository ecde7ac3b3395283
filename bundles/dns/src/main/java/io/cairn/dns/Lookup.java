package io.cairn.dns;

import java.net.InetAddress;
import java.util.Optional;

import org.xbill.DNS.Name;

/**
 * What a query name asks for, as {@link QueryNameParser} reads it. {@code domain} is the
 * domain the question was asked in ({@code domain} or {@code alt_domain}): answers name
 * targets in the same one.
 */
public sealed interface Lookup {

    /** The domain itself: SOA and NS. */
    record Apex(Name domain) implements Lookup {
    }

    /** {@code [TAG.]NAME.service[.DC]} or RFC 2782 {@code _NAME._TAG[.service][.DC]}. */
    record ServiceLookup(String service, Optional<String> tag, Optional<String> datacenter, Name domain)
            implements Lookup {
    }

    /** {@code NODE.node[.DC]}. */
    record NodeLookup(String node, Optional<String> datacenter, Name domain) implements Lookup {
    }

    /** {@code HEXIP.addr[.DC]}: the address written in the name itself. */
    record AddressLookup(InetAddress address, Optional<String> datacenter, Name domain) implements Lookup {
    }

    /** A name under {@code in-addr.arpa} or {@code ip6.arpa}; empty when it does not spell a whole address. */
    record ReverseLookup(Optional<InetAddress> address) implements Lookup {
    }

    /** A name in the domain that is none of the forms above (or a form Cairn does not serve, such as {@code .query}). */
    record NoSuchName(Name domain) implements Lookup {
    }

    /** A name outside every domain Cairn serves: for the recursors. */
    record Foreign() implements Lookup {
    }
}
