package io.cairn.api.tls;

import java.util.List;
import java.util.Objects;

/**
 * What a server signs for a client agent with {@code auto_encrypt.tls}: the client's
 * PKCS#10 request (proof that it holds the key) and the names its certificate will carry,
 * decided by the server: {@code client.<dc>.<domain>}, the node name, {@code localhost},
 * {@code 127.0.0.1}, and the client's {@code auto_encrypt.dns_san}/{@code ip_san}.
 *
 * @param csrPem     the PKCS#10 certificate request, PEM
 * @param datacenter the data centre of the server signing
 * @param domain     the agents' DNS domain, without a trailing dot
 * @param node       the client's node name
 * @param dnsSans    extra DNS names asked for
 * @param ipSans     extra IP addresses asked for
 * @since 1.3
 */
public record ClientCertificateRequest(String csrPem, String datacenter, String domain, String node,
        List<String> dnsSans, List<String> ipSans) {

    public ClientCertificateRequest {
        Objects.requireNonNull(csrPem, "csrPem");
        Objects.requireNonNull(datacenter, "datacenter");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(node, "node");
        dnsSans = dnsSans == null ? List.of() : List.copyOf(dnsSans);
        ipSans = ipSans == null ? List.of() : List.copyOf(ipSans);
    }
}
