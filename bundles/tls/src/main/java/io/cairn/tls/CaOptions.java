package io.cairn.tls;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How {@code cairn tls ca create} makes a CA.
 *
 * @param days                   validity from now
 * @param domain                 the agents' DNS domain; with {@code nameConstraint} the CA
 *                               only signs names under it and {@code localhost}
 * @param nameConstraint         add a critical X.509 name constraint
 * @param additionalConstraints  more permitted DNS domains (e.g. the UI's HTTPS name)
 * @param commonName             the CA's CN; default {@code Cairn Agent CA <serial>}
 */
public record CaOptions(int days, String domain, boolean nameConstraint, List<String> additionalConstraints,
        Optional<String> commonName) {

    public CaOptions {
        additionalConstraints = List.copyOf(additionalConstraints);
        if (days < 1) {
            throw new IllegalArgumentException("a CA must be valid for at least one day, not " + days);
        }
    }

    /** Consul's defaults: five years, domain {@code consul}, no constraint. */
    public static CaOptions defaults() {
        return new CaOptions(1825, "consul", false, List.of(), Optional.empty());
    }

    /** The DNS domains the CA may sign for; empty when unconstrained. */
    List<String> permittedDnsDomains() {
        if (!nameConstraint) {
            return List.of();
        }
        return Stream.concat(additionalConstraints.stream(), Stream.of(domain, "localhost"))
                .distinct().toList();
    }
}
