package dev.pdm.iiot.security.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PKCS12 key and trust stores, PEM certificates and random store passwords, written to files. */
final class Stores {

    static final String TYPE = "PKCS12";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Stores() {
    }

    /** 24 characters of URL-safe Base64: 144 random bits. */
    static String randomPassword() {
        final byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A key store with one private key and its chain (leaf first), readable by its owner only. */
    static void writeKey(final Path file, final String alias, final PrivateKey key, final String password,
                         final X509Certificate... chain) {
        final char[] secret = password.toCharArray();
        try {
            final KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            store.setKeyEntry(alias, key, secret, chain);
            write(file, store, secret, true);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the key store " + file, e);
        }
    }

    /** A trust store holding one certificate (no secret in it, so readable by anyone). */
    static void writeTrust(final Path file, final String alias, final X509Certificate certificate,
                           final String password) {
        final char[] secret = password.toCharArray();
        try {
            final KeyStore store = KeyStore.getInstance(TYPE);
            store.load(null, null);
            store.setCertificateEntry(alias, certificate);
            write(file, store, secret, false);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot write the trust store " + file, e);
        }
    }

    static KeyStore read(final Path file, final String password) {
        try (InputStream in = Files.newInputStream(file)) {
            final KeyStore store = KeyStore.getInstance(TYPE);
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (or its password is wrong)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static PrivateKey key(final KeyStore store, final String alias, final String password) {
        try {
            return (PrivateKey) store.getKey(alias, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key '" + alias + "'", e);
        }
    }

    static X509Certificate certificate(final KeyStore store, final String alias) {
        try {
            final Certificate certificate = store.getCertificate(alias);
            if (!(certificate instanceof X509Certificate x509)) {
                throw new IllegalStateException("no certificate '" + alias + "' in the store");
            }
            return x509;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate '" + alias + "'", e);
        }
    }

    /** The certificate in PEM ({@code -----BEGIN CERTIFICATE-----}), as most MQTT clients take a CA. */
    static void writePem(final Path file, final X509Certificate certificate) {
        try {
            final String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII), false);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    /** Writes the bytes to a new file moved over the old one; owner-only where the file system has POSIX permissions. */
    static void writeAtomically(final Path file, final byte[] bytes, final boolean ownerOnly) {
        final Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            final Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temporary,
                            PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
                }
                Files.write(temporary, bytes);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void write(final Path file, final KeyStore store, final char[] password, final boolean ownerOnly)
            throws GeneralSecurityException, IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        writeAtomically(file, bytes.toByteArray(), ownerOnly);
    }
}
