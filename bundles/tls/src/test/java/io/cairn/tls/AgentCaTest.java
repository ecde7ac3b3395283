package io.cairn.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AgentCaTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final AgentCa ca = AgentCa.create(CaOptions.defaults(), CLOCK);

    private static CertificateSpec spec(CertificateKind kind, Optional<String> node, List<String> dns, List<String> ips,
            int days) {
        return CertificateSpec.of(kind, "dc1", "consul", node, dns,
                ips.stream().map(CertificateSpec::ipAddress).toList(), days);
    }

    /** The JDK's own PKIX validation of a leaf against the CA, at the given time. */
    private static void validate(X509Certificate leaf, X509Certificate root, Instant at) throws Exception {
        validatePath(List.of(leaf), root, at);
    }

    private static void validatePath(List<X509Certificate> path, X509Certificate root, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    private static List<String> sansOfType(X509Certificate certificate, int type) throws Exception {
        return certificate.getSubjectAlternativeNames().stream()
                .filter(san -> (Integer) san.get(0) == type).map(san -> (String) san.get(1)).toList();
    }

    @Test
    void theCaIsASelfSignedP256CaForFiveYears() throws Exception {
        X509Certificate root = ca.certificate();

        assertThat(root.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(root.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(root.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(root.getSubjectX500Principal().getName()).contains("CN=Cairn Agent CA " + root.getSerialNumber());
        assertThat(root.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(1825)));
        root.verify(root.getPublicKey());
    }

    @Test
    void aCommonNameReplacesTheDefault() {
        AgentCa named = AgentCa.create(new CaOptions(30, "consul", false, List.of(), Optional.of("Ops Root")), CLOCK);

        assertThat(named.certificate().getSubjectX500Principal().getName()).contains("CN=Ops Root");
    }

    @Test
    void aServerCertificateCarriesConsulsNamesAndBothUsages() throws Exception {
        X509Certificate server = ca.issue(spec(CertificateKind.SERVER, Optional.of("node1"),
                List.of("cairn.example.com"), List.of("10.0.0.7"), 365)).certificate();

        assertThat(sansOfType(server, 2)).containsExactly("node1.server.dc1.consul", "server.dc1.consul", "localhost",
                "cairn.example.com");
        assertThat(sansOfType(server, 7)).containsExactly("127.0.0.1", "10.0.0.7");
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=server.dc1.consul");
        assertThat(server.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(server.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(server.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(server.getNotBefore().toInstant()).isBefore(NOW);
        validate(server, ca.certificate(), NOW);
    }

    @Test
    void clientAndCliCertificatesCarryTheirNames() throws Exception {
        X509Certificate client = ca.issue(spec(CertificateKind.CLIENT, Optional.empty(), List.of(), List.of(), 365)).certificate();
        X509Certificate cli = ca.issue(spec(CertificateKind.CLI, Optional.empty(), List.of(), List.of(), 365)).certificate();

        assertThat(sansOfType(client, 2)).containsExactly("client.dc1.consul", "localhost");
        assertThat(sansOfType(client, 7)).containsExactly("127.0.0.1");
        assertThat(client.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(sansOfType(cli, 2)).containsExactly("cli.client.dc1.consul", "localhost");
        assertThat(sansOfType(cli, 7)).isEmpty();
        assertThat(cli.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        validate(client, ca.certificate(), NOW);
        validate(cli, ca.certificate(), NOW);
    }

    @Test
    void aNodeNameIsForServersOnly() {
        assertThatThrownBy(() -> spec(CertificateKind.CLIENT, Optional.of("n1"), List.of(), List.of(), 365))
                .hasMessage("-node requires -server");
    }

    @Test
    void serialNumbersAreRandomAndPositive() {
        Set<Object> serials = new HashSet<>();
        serials.add(ca.certificate().getSerialNumber());
        for (int i = 0; i < 20; i++) {
            serials.add(ca.issue(spec(CertificateKind.CLI, Optional.empty(), List.of(), List.of(), 1)).certificate().getSerialNumber());
        }
        assertThat(serials).hasSize(21).allSatisfy(s -> assertThat((BigInteger) s).isPositive());
    }

    @Test
    void aHundredYearCertificateIsValidThroughout() throws Exception {
        AgentCa longCa = AgentCa.create(new CaOptions(36500, "consul", false, List.of(), Optional.empty()), CLOCK);
        X509Certificate server = longCa.issue(spec(CertificateKind.SERVER, Optional.empty(), List.of(), List.of(), 36500)).certificate();

        assertThat(server.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(36500)));
        validate(server, longCa.certificate(), NOW.plus(Duration.ofDays(36000)));
    }

    @Test
    void aCertificatePastItsDaysIsRefused() throws Exception {
        X509Certificate server = ca.issue(spec(CertificateKind.SERVER, Optional.empty(), List.of(), List.of(), 10)).certificate();

        assertThatThrownBy(() -> validate(server, ca.certificate(), NOW.plus(Duration.ofDays(11))))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.EXPIRED));
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() {
        AgentCa other = AgentCa.create(CaOptions.defaults(), CLOCK);
        X509Certificate foreign = other.issue(spec(CertificateKind.CLI, Optional.empty(), List.of(), List.of(), 10)).certificate();

        assertThatThrownBy(() -> validate(foreign, ca.certificate(), NOW)).isInstanceOf(CertPathValidatorException.class);
    }

    /**
     * The JDK applies no constraints of a trust anchor itself, so the CA also stands in the
     * path here, where its constraints bind the leaf (as Go applies them to a root).
     */
    @Test
    void aNameConstrainedCaSignsOnlyItsDomainAndLocalhost() throws Exception {
        AgentCa constrained = AgentCa.create(new CaOptions(30, "consul", true, List.of("ui.example.com"), Optional.empty()), CLOCK);

        X509Certificate inside = constrained.issue(spec(CertificateKind.SERVER, Optional.empty(),
                List.of("ui.example.com"), List.of(), 10)).certificate();
        validatePath(List.of(inside, constrained.certificate()), constrained.certificate(), NOW);

        X509Certificate outside = constrained.issue(spec(CertificateKind.SERVER, Optional.empty(),
                List.of("evil.example.org"), List.of(), 10)).certificate();
        assertThatThrownBy(() -> validatePath(List.of(outside, constrained.certificate()), constrained.certificate(), NOW))
                .isInstanceOfSatisfying(CertPathValidatorException.class, e -> assertThat(e.getMessage()).contains("name constraints"));
    }

    @Test
    void anIpAddressFlagIsNeverResolved() {
        assertThat(CertificateSpec.ipAddress("::1").isLoopbackAddress()).isTrue();
        assertThat(CertificateSpec.ipAddress("10.1.2.3").getHostAddress()).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> CertificateSpec.ipAddress("localhost")).hasMessage("not an IP address: localhost");
    }
}
