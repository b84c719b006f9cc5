package dev.pdm.iiot.security.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A credentials file: one account per line, {@code NAME:ROLE,ROLE:HASH}, where HASH is a
 * {@link PasswordHash} ({@code pbkdf2-sha512$…}); blank lines and lines starting with {@code #} are
 * comments. Devices (MQTT) and people (the web apps) each have a file of this form.
 *
 * <pre>
 * # NAME:ROLES:HASH
 * MACHINE_001:device:pbkdf2-sha512$210000$3q2+7w…$Xk1…
 * alice:operator,viewer:pbkdf2-sha512$210000$…$…
 * </pre>
 *
 * Written atomically (a new file moved over the old one) and readable only by its owner where the
 * file system has POSIX permissions.
 */
public final class CredentialsFile {

    private static final String HEADER = """
            # Accounts: NAME:ROLE,ROLE:HASH, the hash a salted PBKDF2 (pbkdf2-sha512$ITERATIONS$SALT$HASH).
            # Add, change and remove accounts with the platform's credentials command, not by hand.
            """;

    private CredentialsFile() {
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException naming the line that is wrong and why (never its hash)
     * @throws UncheckedIOException     if it cannot be read
     */
    public static Credentials read(final Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file, e);
        }
        final List<Credential> accounts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                accounts.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        try {
            return Credentials.of(accounts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** Reads the file, or no accounts if there is none. */
    public static Credentials readIfExists(final Path file) {
        return Files.exists(file) ? read(file) : Credentials.none();
    }

    /** Writes the accounts, replacing the file in one step. */
    public static void write(final Path file, final Credentials credentials) {
        final StringBuilder text = new StringBuilder(HEADER);
        credentials.all().forEach(account -> text.append(account.line()).append('\n'));
        final Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            final Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                ownerOnly(temporary);
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the credentials file " + file, e);
        }
    }

    static Credential parse(final String line) {
        final int first = line.indexOf(':');
        final int second = first < 0 ? -1 : line.indexOf(':', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("an account must read NAME:ROLES:HASH");
        }
        final String roles = line.substring(first + 1, second).strip();
        return new Credential(line.substring(0, first).strip(),
                roles.isEmpty() ? new LinkedHashSet<>() : new LinkedHashSet<>(Arrays.asList(roles.split("\\s*,\\s*"))),
                PasswordHash.parse(line.substring(second + 1).strip()));
    }

    private static void ownerOnly(final Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
