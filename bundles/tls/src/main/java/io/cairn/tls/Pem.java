package io.cairn.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import io.cairn.api.tls.TlsException;

/**
 * PEM files as Consul writes and reads them: certificates ({@code CERTIFICATE}, several to a
 * file for chains and CA bundles) and EC keys ({@code EC PRIVATE KEY}; {@code PRIVATE KEY}
 * and {@code RSA PRIVATE KEY} are read too). Key files are created readable by their owner only.
 */
public final class Pem {

    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private Pem() {
    }

    /** A certificate as PEM text. */
    public static String encode(X509Certificate certificate) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * An EC key as {@code EC PRIVATE KEY} (SEC 1) text, as Go and openssl write it: with its
     * curve and public key inside, which the JDK's own encoding keeps elsewhere.
     */
    public static String encode(PrivateKey key, PublicKey publicKey) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ECPrivateKey bare = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey sec1 = new ECPrivateKey(((ECKey) key).getParams().getOrder().bitLength(), bare.getKey(),
                    SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData(),
                    info.getPrivateKeyAlgorithm().getParameters());
            StringWriter out = new StringWriter();
            try (PemWriter writer = new PemWriter(out)) {
                writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every certificate in the file, in order; none when it holds none. */
    public static List<X509Certificate> readCertificates(Path file) throws TlsException {
        try (Reader reader = open(file)) {
            return certificates(reader);
        } catch (IOException | CertificateException e) {
            throw new TlsException("Error reading " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate in PEM text, in order; none when it holds none. */
    public static List<X509Certificate> parseCertificates(String pem) throws TlsException {
        try {
            return certificates(new StringReader(pem));
        } catch (IOException | CertificateException e) {
            throw new TlsException("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Reader reader) throws IOException, CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        }
        return certificates;
    }

    /** The first private key in the file. */
    public static PrivateKey readPrivateKey(Path file) throws TlsException {
        try (Reader reader = open(file)) {
            return privateKey(reader).orElseThrow(() ->
                    new TlsException("no private key in " + file + " (an encrypted key is not supported)"));
        } catch (IOException e) {
            throw new TlsException("Error reading " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first private key in PEM text. */
    public static PrivateKey parsePrivateKey(String pem) throws TlsException {
        try {
            return privateKey(new StringReader(pem)).orElseThrow(() -> new TlsException("no private key in the PEM text"));
        } catch (IOException e) {
            throw new TlsException("not a PEM private key: " + e.getMessage(), e);
        }
    }

    private static Optional<PrivateKey> privateKey(Reader reader) throws IOException {
        try (PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                // openssl puts an "EC PARAMETERS" block before the key: skip what is no key;
                // a key pair read from a file may lack its public half, so only the private one is taken
                if (o instanceof PEMKeyPair pair) {
                    return Optional.of(converter.getPrivateKey(pair.getPrivateKeyInfo()));
                }
                if (o instanceof PrivateKeyInfo info) {
                    return Optional.of(converter.getPrivateKey(info));
                }
            }
        }
        return Optional.empty();
    }

    /** The PKCS#10 certificate request in PEM text. */
    public static PKCS10CertificationRequest parseCertificationRequest(String pem) throws TlsException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PKCS10CertificationRequest request) {
                    return request;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsException("not a PEM certificate request: " + e.getMessage(), e);
        }
        throw new TlsException("no CERTIFICATE REQUEST in the PEM text");
    }

    /** A PKCS#10 certificate request as PEM text. */
    public static String encode(PKCS10CertificationRequest pemObject) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pemObject);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a certificate file; fails if it exists. */
    public static void writeCertificate(Path file, String pem) throws IOException {
        Files.writeString(file, pem, StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Writes a key file created with mode 0600 (no moment where others may read it); fails if it exists. */
    public static void writePrivateKey(Path file, String pem) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, OWNER_ONLY);
        } else if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }

    private static Reader open(Path file) throws TlsException, IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsException("Error reading " + file + ": no such file");
        }
    }
}
