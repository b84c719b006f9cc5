package dev.pdm.iiot.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The random passwords of the development stores, in one properties file readable by its owner only
 * ({@value DevCertificates#PASSWORDS}): {@code ca-key}, {@code truststore}, {@code keystore} and
 * {@code client.NAME} for each client certificate issued.
 */
final class StorePasswords {

    static final String CA_KEY = "ca-key";
    static final String TRUSTSTORE = "truststore";
    static final String KEYSTORE = "keystore";
    private static final String CLIENT_PREFIX = "client.";

    private final Path file;
    private final Properties values = new Properties();
    private boolean changed;

    private StorePasswords(final Path file) {
        this.file = file;
    }

    static StorePasswords load(final Path file) {
        final StorePasswords passwords = new StorePasswords(file);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                passwords.values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return passwords;
    }

    Optional<String> get(final String name) {
        return Optional.ofNullable(values.getProperty(name));
    }

    /** A new random password under this name, replacing the one it had. */
    String renew(final String name) {
        final String password = Stores.randomPassword();
        values.setProperty(name, password);
        changed = true;
        return password;
    }

    static String client(final String commonName) {
        return CLIENT_PREFIX + commonName;
    }

    /** Writes the file if a password changed. */
    void save() {
        if (!changed) {
            return;
        }
        final StringWriter text = new StringWriter();
        text.append("# Passwords of the development key and trust stores beside this file. Keep it private.\n");
        new TreeMap<>(values).forEach((name, value) -> text.append(name.toString()).append('=')
                .append(value.toString()).append('\n'));
        Stores.writeAtomically(file, text.toString().getBytes(StandardCharsets.ISO_8859_1), true);
        changed = false;
    }
}
