package io.cairn.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What goes into one agent certificate.
 *
 * @param kind         server, client or cli: decides the extended key usages
 * @param commonName   the subject's CN, also the first DNS SAN
 * @param dnsNames     every DNS SAN, in order
 * @param ipAddresses  every IP SAN, in order
 * @param days         validity from now
 */
public record CertificateSpec(CertificateKind kind, String commonName, List<String> dnsNames,
        List<InetAddress> ipAddresses, int days) {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public CertificateSpec {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (days < 1) {
            throw new IllegalArgumentException("a certificate must be valid for at least one day, not " + days);
        }
    }

    /**
     * Consul's SANs: {@code <node>.server.<dc>.<domain>} (server with a node name), the
     * kind's name, {@code localhost}, the extra names; {@code 127.0.0.1} and the extra
     * addresses for server and client certificates (a CLI certificate is never dialled).
     */
    public static CertificateSpec of(CertificateKind kind, String datacenter, String domain, Optional<String> node,
            List<String> extraDnsNames, List<InetAddress> extraIpAddresses, int days) {
        if (node.isPresent() && kind != CertificateKind.SERVER) {
            throw new IllegalArgumentException("-node requires -server");
        }
        String name = kind.commonName(datacenter, domain);
        LinkedHashSet<String> dns = new LinkedHashSet<>();
        node.ifPresent(n -> dns.add(n + "." + name));
        dns.add(name);
        dns.add("localhost");
        dns.addAll(extraDnsNames);
        List<InetAddress> ips = new ArrayList<>();
        if (kind != CertificateKind.CLI) {
            ips.add(LOOPBACK);
        }
        extraIpAddresses.stream().filter(ip -> !ips.contains(ip)).forEach(ips::add);
        return new CertificateSpec(kind, name, List.copyOf(dns), ips, days);
    }

    /** An IP address as given on the command line; never a host name (no DNS lookup). */
    public static InetAddress ipAddress(String literal) {
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
