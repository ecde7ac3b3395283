package io.cairn.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.cairn.api.http.HttpException;
import io.cairn.api.http.HttpRequest;
import io.cairn.api.http.HttpResponse;
import io.cairn.api.http.Route;
import io.cairn.api.http.RouteProvider;
import io.cairn.api.http.ServerRpcPaths;
import io.cairn.api.tls.CaMaterial;
import io.cairn.api.tls.CertificateAuthority;
import io.cairn.api.tls.ClientCertificateRequest;
import io.cairn.api.tls.SignedCertificate;
import io.cairn.api.tls.TlsException;

/**
 * Consul's {@code AutoEncrypt.Sign} on a server with {@code auto_encrypt.allow_tls}: a client
 * agent's PKCS#10 request, signed by the auto_encrypt CA of this server's replicated state
 * (no trip to the leader). Served on the RPC port only, the one request a peer without a
 * certificate may make there.
 *
 * <p>Request body: {@code {"Datacenter", "Node", "CSR", "DnsSan": [], "IpSan": []}}; answer:
 * {@code {"CertPEM", "ValidAfter", "ValidBefore", "RootCAs": [pem]}}, the roots being what a
 * client trusts beside its {@code ca_file}.
 */
public final class AutoEncryptSigning implements RouteProvider {

    /** Consul's {@code leaf_cert_ttl} default. */
    public static final Duration LEAF_VALIDITY = Duration.ofHours(72);

    /** The body of a sign request. */
    public record SignRequest(String datacenter, String node, String csr, List<String> dnsSan, List<String> ipSan) {
    }

    private final Supplier<Optional<CaMaterial>> ca;
    private final CertificateAuthority authority;
    private final String datacenter;
    private final String domain;
    private final Duration validity;

    public AutoEncryptSigning(Supplier<Optional<CaMaterial>> ca, CertificateAuthority authority, String datacenter,
            String domain, Duration validity) {
        this.ca = ca;
        this.authority = authority;
        this.datacenter = datacenter;
        this.domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        this.validity = validity;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(ServerRpcPaths.AUTO_ENCRYPT_SIGN, Set.of("PUT", "POST"), this::sign));
    }

    CompletionStage<HttpResponse> sign(HttpRequest request) throws HttpException {
        SignRequest body = request.bodyAs(SignRequest.class);
        if (body == null || body.csr() == null || body.csr().isBlank()) {
            throw HttpException.badRequest("auto_encrypt: the request carries no CSR");
        }
        if (body.node() == null || body.node().isBlank()) {
            throw HttpException.badRequest("auto_encrypt: the request names no node");
        }
        if (body.datacenter() != null && !body.datacenter().isEmpty() && !body.datacenter().equals(datacenter)) {
            throw HttpException.badRequest("auto_encrypt: this server signs for datacenter " + datacenter + ", not "
                    + body.datacenter());
        }
        CaMaterial material = ca.get().orElseThrow(() ->
                new HttpException(500, "auto_encrypt: the servers have no CA yet (it is made by the first leader)"));
        SignedCertificate signed;
        try {
            signed = authority.signClient(material, new ClientCertificateRequest(body.csr(), datacenter, domain,
                    body.node(), body.dnsSan(), body.ipSan()), validity);
        } catch (TlsException e) {
            throw HttpException.badRequest(e.getMessage());
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("CertPEM", signed.certificatePem());
        reply.put("ValidAfter", signed.validAfter().toString());
        reply.put("ValidBefore", signed.validBefore().toString());
        reply.put("RootCAs", List.of(material.certificatePem()));
        return HttpResponse.json(reply).completed();
    }
}
