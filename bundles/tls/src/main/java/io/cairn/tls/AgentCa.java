package io.cairn.tls;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.cairn.api.tls.TlsException;

/**
 * The agent CA: a self-signed EC P-256 certificate and its key, and the certificates it
 * signs. BouncyCastle builds the ASN.1; keys, signatures and parsing are the JDK's own, so
 * nothing here registers a security provider.
 *
 * <p>Validity starts a minute before now, so a peer whose clock runs slightly behind accepts
 * a certificate made a moment ago.
 */
public final class AgentCa {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Credentials credentials;
    private final Clock clock;
    private final SecureRandom random;

    private AgentCa(Credentials credentials, Clock clock, SecureRandom random) {
        this.credentials = credentials;
        this.clock = clock;
        this.random = random;
    }

    /** A new CA. */
    public static AgentCa create(CaOptions options, Clock clock) {
        SecureRandom random = new SecureRandom();
        KeyPair keys = newKeyPair(random);
        BigInteger serial = serialNumber(random);
        String commonName = options.commonName().orElse("Cairn Agent CA " + serial);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Cairn")
                .addRDN(BCStyle.CN, commonName)
                .build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(Duration.ofDays(options.days()))),
                    subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            List<String> permitted = options.permittedDnsDomains();
            if (!permitted.isEmpty()) {
                GeneralSubtree[] subtrees = permitted.stream()
                        .map(domain -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)))
                        .toArray(GeneralSubtree[]::new);
                builder.addExtension(Extension.nameConstraints, true, new NameConstraints(subtrees, null));
            }
            X509Certificate certificate = sign(builder, keys.getPrivate());
            return new AgentCa(new Credentials(certificate, keys.getPrivate()), clock, random);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not build a CA certificate", e);
        }
    }

    /** The CA of the given PEM files: its certificate (the first in the file) and key. */
    public static AgentCa load(Path certificateFile, Path keyFile, Clock clock) throws TlsException {
        List<X509Certificate> certificates = Pem.readCertificates(certificateFile);
        if (certificates.isEmpty()) {
            throw new TlsException("no certificate in " + certificateFile);
        }
        PrivateKey key = Pem.readPrivateKey(keyFile);
        return new AgentCa(new Credentials(certificates.get(0), key), clock, new SecureRandom());
    }

    public X509Certificate certificate() {
        return credentials.certificate();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** A new key pair and its certificate, signed by this CA. */
    public Credentials issue(CertificateSpec spec) {
        KeyPair keys = newKeyPair(random);
        return new Credentials(certify(keys.getPublic(), spec, clock.instant().plus(Duration.ofDays(spec.days()))),
                keys.getPrivate());
    }

    /**
     * A certificate for a public key another party holds the private half of (a client
     * agent's auto_encrypt request), valid until {@code notAfter}; {@code spec.days} is unused.
     */
    public X509Certificate certify(PublicKey publicKey, CertificateSpec spec, Instant notAfter) {
        Instant now = clock.instant();
        X509Certificate ca = credentials.certificate();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            GeneralName[] sans = Stream.concat(
                    spec.dnsNames().stream().map(name -> new GeneralName(GeneralName.dNSName, name)),
                    spec.ipAddresses().stream().map(ip -> new GeneralName(GeneralName.iPAddress, ip.getHostAddress())))
                    .toArray(GeneralName[]::new);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serialNumber(random),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter),
                    new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, spec.commonName()).build(),
                    publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(spec.kind().extendedKeyUsages().toArray(KeyPurposeId[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            return sign(builder, credentials.key());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not build a certificate for " + spec.commonName(), e);
        }
    }

    /** The CA of PEM text: its certificate (the first) and key. */
    public static AgentCa of(String certificatePem, String keyPem, Clock clock) throws TlsException {
        List<X509Certificate> certificates = Pem.parseCertificates(certificatePem);
        if (certificates.isEmpty()) {
            throw new TlsException("no CA certificate in the PEM text");
        }
        return new AgentCa(new Credentials(certificates.get(0), Pem.parsePrivateKey(keyPem)), clock, new SecureRandom());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    /** Random and positive, up to 128 bits as Consul's; never zero. */
    private static BigInteger serialNumber(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }
}
