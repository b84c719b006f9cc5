package dev.pdm.iiot.security.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Makes the development certificates: EC P-256 keys, SHA-256 with ECDSA signatures, X.509 v3 with
 * the extensions TLS clients check (basic constraints, key usage, extended key usage, subject
 * alternative names, key identifiers). Signing uses the JVM's own providers; Bouncy Castle only
 * builds the certificates, so no security provider is installed into the JVM.
 */
final class Issuer {

    static final String ORGANIZATION = "IIoT predictive maintenance (development)";
    private static final String SIGNATURE = "SHA256withECDSA";
    /** Accepts a clock a little behind this one. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Issuer() {
    }

    static KeyPair newKeyPair() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    /** A self-signed certificate authority that may sign certificates (but no further authorities). */
    static X509Certificate authority(final KeyPair keys, final String commonName, final Duration validity) {
        final X500Name name = name(commonName);
        final Instant now = Instant.now();
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name, keys.getPublic());
        try {
            final JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the certificate authority", e);
        }
        return sign(builder, keys.getPrivate());
    }

    /** A server certificate for these names (DNS names or IP addresses), signed by the authority. */
    static X509Certificate server(final X509Certificate ca, final PrivateKey caKey, final PublicKey key,
                                  final List<String> names, final Duration validity) {
        final GeneralName[] alternatives = names.stream().map(Issuer::generalName).toArray(GeneralName[]::new);
        return leaf(ca, caKey, key, names.get(0), KeyPurposeId.id_kp_serverAuth, new GeneralNames(alternatives),
                validity);
    }

    /** A client certificate whose common name is the account it authenticates. */
    static X509Certificate client(final X509Certificate ca, final PrivateKey caKey, final PublicKey key,
                                  final String commonName, final Duration validity) {
        return leaf(ca, caKey, key, commonName, KeyPurposeId.id_kp_clientAuth, null, validity);
    }

    private static X509Certificate leaf(final X509Certificate ca, final PrivateKey caKey, final PublicKey key,
                                        final String commonName, final KeyPurposeId purpose,
                                        final GeneralNames alternatives, final Duration validity) {
        final Instant now = Instant.now();
        final Instant notAfter = now.plus(validity).isAfter(ca.getNotAfter().toInstant())
                ? ca.getNotAfter().toInstant() : now.plus(validity);
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), name(commonName), key);
        try {
            final JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
            if (alternatives != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
            }
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the certificate of " + commonName, e);
        }
        return sign(builder, caKey);
    }

    private static X509Certificate sign(final X509v3CertificateBuilder builder, final PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate with " + SIGNATURE, e);
        }
    }

    private static X500Name name(final String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, commonName).build();
    }

    private static GeneralName generalName(final String name) {
        return ServerNames.isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
                : new GeneralName(GeneralName.dNSName, name);
    }

    /** A random positive serial number of at most 20 octets, as RFC 5280 asks. */
    private static BigInteger serial() {
        return new BigInteger(120, RANDOM).add(BigInteger.ONE);
    }
}
