package io.cairn.tls;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.cairn.api.tls.CaMaterial;
import io.cairn.api.tls.CertificateAuthority;
import io.cairn.api.tls.CertificateSigningRequest;
import io.cairn.api.tls.ClientCertificateRequest;
import io.cairn.api.tls.SignedCertificate;
import io.cairn.api.tls.TlsException;

/**
 * auto_encrypt's certificates: the CA the first leader puts into the replicated state, the
 * client agent's key and PKCS#10 request, and the server's signature over it. The names of a
 * signed certificate are the server's decision, not the request's: a client agent's
 * ({@code client.<dc>.<domain>}, its node name, {@code localhost}, {@code 127.0.0.1}, its
 * {@code dns_san}/{@code ip_san}), never a server's.
 */
public final class AutoEncryptAuthority implements CertificateAuthority {

    /** Consul's default for its built-in CA's root. */
    static final int CA_DAYS = 3650;

    private final Clock clock;

    public AutoEncryptAuthority(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CaMaterial create(String datacenter, String domain) {
        AgentCa ca = AgentCa.create(new CaOptions(CA_DAYS, domain, false, List.of(),
                Optional.of("Cairn Auto-Encrypt CA " + datacenter)), clock);
        return new CaMaterial(ca.credentials().certificatePem(), ca.credentials().keyPem());
    }

    @Override
    public SignedCertificate signClient(CaMaterial ca, ClientCertificateRequest request, Duration validity)
            throws TlsException {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        PublicKey key = verifiedKey(request.csrPem());
        CertificateSpec spec = spec(request);
        Instant notAfter = clock.instant().plus(validity);
        X509Certificate certificate = AgentCa.of(ca.certificatePem(), ca.keyPem(), clock).certify(key, spec, notAfter);
        return new SignedCertificate(Pem.encode(certificate), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
    }

    /** The names of a client agent's certificate; a server's name, or something not a name, refused. */
    static CertificateSpec spec(ClientCertificateRequest request) throws TlsException {
        String clientName = CertificateKind.CLIENT.commonName(request.datacenter(), request.domain());
        String serverName = CertificateKind.SERVER.commonName(request.datacenter(), request.domain());
        LinkedHashSet<String> dns = new LinkedHashSet<>();
        dns.add(clientName);
        dns.add(request.node());
        dns.add("localhost");
        dns.addAll(request.dnsSans());
        for (String name : dns) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isBlank() || !name.matches("[A-Za-z0-9*]([A-Za-z0-9_.*-]*[A-Za-z0-9])?")) {
                throw new TlsException("auto_encrypt: \"" + name + "\" is not a DNS name a certificate may carry");
            }
            if (lower.equals(serverName) || lower.endsWith("." + serverName) || lower.contains("*")) {
                throw new TlsException("auto_encrypt: a client agent's certificate may not name " + name);
            }
        }
        List<InetAddress> ips = new ArrayList<>(List.of(InetAddress.getLoopbackAddress()));
        for (String literal : request.ipSans()) {
            InetAddress ip;
            try {
                ip = CertificateSpec.ipAddress(literal);
            } catch (IllegalArgumentException e) {
                throw new TlsException("auto_encrypt: " + e.getMessage());
            }
            if (!ips.contains(ip)) {
                ips.add(ip);
            }
        }
        return new CertificateSpec(CertificateKind.CLIENT, clientName, List.copyOf(dns), ips, 1);
    }

    /** The request's public key, once its signature shows the requester holds the private one. */
    static PublicKey verifiedKey(String csrPem) throws TlsException {
        PKCS10CertificationRequest csr = Pem.parseCertificationRequest(csrPem);
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
            PublicKey key = jca.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new TlsException("auto_encrypt: the certificate request's signature does not hold");
            }
            return key;
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | RuntimeException e) {
            throw new TlsException("auto_encrypt: unreadable certificate request: " + e.getMessage(), e);
        }
    }

    /** A client agent's new EC P-256 key and its signed PKCS#10 request. */
    public static CertificateSigningRequest signingRequest(String commonName) throws TlsException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build(), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new CertificateSigningRequest(keys.getPrivate(), Pem.encode(csr));
        } catch (GeneralSecurityException | OperatorCreationException | IllegalArgumentException e) {
            throw new TlsException("auto_encrypt: cannot make a key and certificate request: " + e.getMessage(), e);
        }
    }
}
