package dev.pdm.iiot.simulator.mqtt;

import dev.pdm.iiot.events.transport.NoDelaySslSocketFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * Whom the publisher trusts on an {@code ssl://} connection: the certificate authorities in a PEM file
 * (such as the platform's development {@code ca.pem}), or a trust store (PKCS12 or JKS); with neither,
 * the JVM's default trust. The broker's name is checked against its certificate.
 *
 * @param caFile             PEM file of one or more authority certificates, or null
 * @param truststore         a trust store, or null
 * @param truststorePassword its password, or null (a PKCS12 trust store may have none)
 */
public record TlsSettings(Path caFile, Path truststore, String truststorePassword) {

    public TlsSettings {
        if (caFile != null && truststore != null) {
            throw new IllegalArgumentException("trust either a CA file or a trust store, not both");
        }
    }

    /** Trust the authorities in this PEM file. */
    public static TlsSettings caFile(final Path pem) {
        return new TlsSettings(pem, null, null);
    }

    /** Trust the authorities in this trust store. */
    public static TlsSettings truststore(final Path store, final String password) {
        return new TlsSettings(null, store, password);
    }

    /**
     * A socket factory trusting these authorities, with TCP_NODELAY.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
     */
    public SSLSocketFactory socketFactory() {
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers().getTrustManagers(), null);
            return new NoDelaySslSocketFactory(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + (caFile != null ? caFile : truststore)
                    + ": " + e.getMessage(), e);
        }
    }

    private TrustManagerFactory trustManagers() throws GeneralSecurityException {
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile == null && truststore == null) {
            factory.init((KeyStore) null);
            return factory;
        }
        final KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            if (caFile != null) {
                trusted.load(null, null);
                final Collection<? extends Certificate> authorities;
                try (InputStream in = Files.newInputStream(caFile)) {
                    authorities = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (authorities.isEmpty()) {
                    throw new IllegalArgumentException("the CA file " + caFile + " holds no certificate");
                }
                int i = 0;
                for (final Certificate authority : authorities) {
                    trusted.setCertificateEntry("ca-" + i++, authority);
                }
            } else {
                try (InputStream in = Files.newInputStream(truststore)) {
                    trusted.load(in, truststorePassword == null ? null : truststorePassword.toCharArray());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + (caFile != null ? caFile : truststore) + ": "
                    + e.getMessage(), new UncheckedIOException(e));
        }
        factory.init(trusted);
        return factory;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return caFile != null ? "TlsSettings[CA file " + caFile + "]"
                : truststore != null ? "TlsSettings[trust store " + truststore + "]" : "TlsSettings[JVM default trust]";
    }
}
