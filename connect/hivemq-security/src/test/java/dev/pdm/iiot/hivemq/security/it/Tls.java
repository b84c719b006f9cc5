package dev.pdm.iiot.hivemq.security.it;

import dev.pdm.iiot.security.tls.ClientCertificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** TLS clients of the development authority: trusting its PEM certificate, optionally with a client certificate. */
final class Tls {

    private Tls() {
    }

    static SSLSocketFactory trusting(final Path caPem) throws Exception {
        return context(caPem, null).getSocketFactory();
    }

    static SSLSocketFactory withCertificate(final Path caPem, final ClientCertificate certificate) throws Exception {
        return context(caPem, certificate).getSocketFactory();
    }

    private static SSLContext context(final Path caPem, final ClientCertificate certificate) throws Exception {
        final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        final TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (certificate != null) {
            final KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(certificate.keystore())) {
                keys.load(in, certificate.password().toCharArray());
            }
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, certificate.password().toCharArray());
        }
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
