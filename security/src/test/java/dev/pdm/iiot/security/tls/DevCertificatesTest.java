package dev.pdm.iiot.security.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    @Test
    void makesAnAuthorityAndAServerCertificateForLoopbackThisHostAndTheNamesAsked() throws Exception {
        final DevCertificates pki = DevCertificates.ensure(dir, List.of("mqtt.plant.example", "10.1.2.3"));

        final X509Certificate server = serverCertificate(pki);
        final List<String> names = server.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
        assertThat(names).contains("localhost", "127.0.0.1", "mqtt.plant.example", "10.1.2.3");
        assertThat(names).containsAll(ServerNames.of(List.of()).stream().filter(n -> !n.contains(":")).toList());
        assertThat(server.getExtendedKeyUsage()).contains(SERVER_AUTH);
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        final X509Certificate ca = pki.caCertificate();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getNotAfter().toInstant()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(9 * 365)));
        assertThat(readPem(pki.caPem())).isEqualTo(ca);
    }

    @Test
    void theServerChainVerifiesAgainstTheTrustStore() throws Exception {
        final DevCertificates pki = DevCertificates.ensure(dir, List.of());

        final KeyStore keystore = Stores.read(pki.keystore(), pki.keystorePassword());
        final var chain = keystore.getCertificateChain(DevCertificates.SERVER_ALIAS);
        final PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.caCertificate(), null)));
        parameters.setRevocationEnabled(false);

        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain[0])), parameters);
        assertThat(chain).hasSize(2);
        assertThat(keystore.getKey(DevCertificates.SERVER_ALIAS, pki.keystorePassword().toCharArray())).isNotNull();
    }

    @Test
    void aSecondCallReusesTheAuthorityTheServerCertificateAndThePasswords() throws Exception {
        final DevCertificates first = DevCertificates.ensure(dir, List.of("broker"));
        final byte[] keystore = Files.readAllBytes(first.keystore());
        final byte[] ca = Files.readAllBytes(first.caPem());

        final DevCertificates second = DevCertificates.ensure(dir, List.of("broker"));

        assertThat(second.keystorePassword()).isEqualTo(first.keystorePassword());
        assertThat(second.truststorePassword()).isEqualTo(first.truststorePassword());
        assertThat(Files.readAllBytes(second.keystore())).isEqualTo(keystore);
        assertThat(Files.readAllBytes(second.caPem())).isEqualTo(ca);
    }

    @Test
    void aNewNameGetsANewServerCertificateFromTheSameAuthority() throws Exception {
        final DevCertificates first = DevCertificates.ensure(dir, List.of("broker"));

        final DevCertificates second = DevCertificates.ensure(dir, List.of("broker", "mqtt.example"));

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(serverCertificate(second).getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()))
                .contains("mqtt.example");
        serverCertificate(second).verify(first.caCertificate().getPublicKey());
    }

    @Test
    void keepsSecretsReadableByTheOwnerOnly() throws Exception {
        final DevCertificates pki = DevCertificates.ensure(dir, List.of());

        for (final String secret : List.of(DevCertificates.PASSWORDS, DevCertificates.KEYSTORE, DevCertificates.CA_KEY)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(secret))))
                    .as(secret).isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve(DevCertificates.PASSWORDS))).contains(pki.keystorePassword());
        assertThat(pki.toString()).doesNotContain(pki.keystorePassword()).doesNotContain(pki.truststorePassword());
    }

    @Test
    void issuesClientCertificatesWhoseCommonNameIsTheAccount() throws Exception {
        final DevCertificates pki = DevCertificates.ensure(dir, List.of());

        final ClientCertificate client = pki.issueClient("MACHINE_007");

        final KeyStore store = Stores.read(client.keystore(), client.password());
        final X509Certificate certificate = Stores.certificate(store, ClientCertificate.ALIAS);
        assertThat(certificate.getSubjectX500Principal().getName()).startsWith("CN=MACHINE_007");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        certificate.verify(pki.caCertificate().getPublicKey());
        assertThat(store.getKey(ClientCertificate.ALIAS, client.password().toCharArray())).isNotNull();
        assertThat(client.toString()).doesNotContain(client.password());
        assertThatThrownBy(() -> pki.issueClient("no/slashes")).hasMessageContaining("account name");
    }

    @Test
    void refusesAServerNameThatIsNoName() {
        assertThatThrownBy(() -> DevCertificates.ensure(dir, List.of("not a name")))
                .hasMessageContaining("neither a DNS name nor an IP address");
    }

    private static X509Certificate serverCertificate(final DevCertificates pki) {
        return Stores.certificate(Stores.read(pki.keystore(), pki.keystorePassword()), DevCertificates.SERVER_ALIAS);
    }

    private static X509Certificate readPem(final Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
