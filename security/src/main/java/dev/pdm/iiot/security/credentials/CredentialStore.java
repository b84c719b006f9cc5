package dev.pdm.iiot.security.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The accounts of a credentials file as a server uses them: the file is read again when it changes
 * (checked at most once per {@link #RECHECK}), so that an account added, rotated or removed takes
 * effect without a restart; a file that became unreadable keeps the last good accounts and says so
 * in the log.
 *
 * <p>A PBKDF2 check is deliberately slow. A password that passed once is remembered for its account
 * as a keyed digest (a random key of this process, never the password), so that a device that
 * reconnects, or a REST client that sends its credentials with every request, costs one check, not
 * one per request. Changing the account's hash in the file forgets it.
 */
public final class CredentialStore {

    /** How often the file's modification time is looked at, at most. */
    public static final Duration RECHECK = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);

    private final Path file;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();
    private volatile Credentials current;
    private volatile FileTime loadedModified;
    private volatile long loadedSize;
    private volatile Instant nextCheck;

    private CredentialStore(final Path file, final Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
        new SecureRandom().nextBytes(key);
    }

    /**
     * Reads the file now.
     *
     * @throws IllegalArgumentException or {@link UncheckedIOException} if it cannot be used: a server
     *                                  must not start with accounts it cannot read
     */
    public static CredentialStore open(final Path file) {
        return open(file, Clock.systemUTC());
    }

    public static CredentialStore open(final Path file, final Clock clock) {
        final CredentialStore store = new CredentialStore(file, clock);
        store.load();
        return store;
    }

    public Path file() {
        return file;
    }

    /** The accounts as last read. */
    public Credentials credentials() {
        refreshIfDue();
        return current;
    }

    /** The account if the password is its own. */
    public Optional<Credential> authenticate(final String name, final char[] password) {
        Objects.requireNonNull(password, "password");
        final Credentials accounts = credentials();
        final Optional<Credential> account = name == null ? Optional.empty() : accounts.find(name);
        if (account.isPresent()) {
            final Verified known = verified.get(name);
            if (known != null && known.hash().equals(account.get().hash())
                    && MessageDigest.isEqual(known.digest(), digest(password))) {
                return account;
            }
        }
        final Optional<Credential> checked = accounts.authenticate(name, password);
        checked.ifPresent(ok -> verified.put(ok.name(), new Verified(ok.hash(), digest(password))));
        return checked;
    }

    private void refreshIfDue() {
        final Instant now = clock.instant();
        if (nextCheck != null && now.isBefore(nextCheck)) {
            return;
        }
        synchronized (this) {
            if (nextCheck != null && now.isBefore(nextCheck)) {
                return;
            }
            nextCheck = now.plus(RECHECK);
            try {
                if (!Files.getLastModifiedTime(file).equals(loadedModified) || Files.size(file) != loadedSize) {
                    load();
                    LOG.info("credentials reloaded from {}: {} accounts", file, current.size());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("credentials file {} cannot be read again, keeping the {} accounts read before: {}", file,
                        current.size(), e.getMessage());
            }
        }
    }

    private synchronized void load() {
        try {
            final FileTime modified = Files.getLastModifiedTime(file);
            final long size = Files.size(file);
            current = CredentialsFile.read(file);
            loadedModified = modified;
            loadedSize = size;
            nextCheck = clock.instant().plus(RECHECK);
            verified.keySet().removeIf(name -> current.find(name).isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file, e);
        }
    }

    private byte[] digest(final char[] password) {
        final ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key);
            sha.update(bytes);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } finally {
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    private record Verified(PasswordHash hash, byte[] digest) {
    }
}
