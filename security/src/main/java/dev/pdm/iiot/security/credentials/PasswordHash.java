package dev.pdm.iiot.security.credentials;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A salted PBKDF2 hash of a password, as the credentials files keep it:
 * {@code pbkdf2-sha512$ITERATIONS$SALT$HASH}, salt and hash in Base64 without padding. The password
 * itself is never stored.
 *
 * <p>The defaults follow OWASP's password storage guidance for PBKDF2-HMAC-SHA512: 210,000
 * iterations, a 16-byte random salt, a 64-byte hash. One check costs about 0.1–0.3 s of one core;
 * a server that checks the same client often (a device reconnecting) keeps the outcome of a
 * successful check (see {@link CredentialStore}) rather than lowering the cost.
 *
 * @param iterations PBKDF2 iterations
 * @param salt       the random salt
 * @param hash       the derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    public static final String SCHEME = "pbkdf2-sha512";
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** The fewest iterations a stored hash may have; fewer would be cheap to guess. */
    public static final int MIN_ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 64;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    public PasswordHash {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(hash, "hash");
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("a password hash needs at least " + MIN_ITERATIONS
                    + " iterations, had " + iterations);
        }
        if (salt.length < 8 || hash.length < 32) {
            throw new IllegalArgumentException("a password hash needs a salt of 8 bytes or more and a hash of 32 "
                    + "bytes or more");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A new hash of the password with a fresh salt and the default iterations. */
    public static PasswordHash of(final char[] password) {
        return of(password, DEFAULT_ITERATIONS);
    }

    public static PasswordHash of(final char[] password, final int iterations) {
        final byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException with what is wrong, never with the text itself
     */
    public static PasswordHash parse(final String stored) {
        Objects.requireNonNull(stored, "stored");
        final String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("a password hash must read " + SCHEME + "$ITERATIONS$SALT$HASH");
        }
        final int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iterations of a password hash must be a number");
        }
        try {
            return new PasswordHash(iterations, DECODER.decode(parts[2]), DECODER.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a password hash's salt and hash must be Base64: " + e.getMessage());
        }
    }

    /** Whether the password is the one hashed, compared in constant time. */
    public boolean matches(final char[] password) {
        Objects.requireNonNull(password, "password");
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }

    /** The stored form, {@code pbkdf2-sha512$ITERATIONS$SALT$HASH}. */
    public String encoded() {
        return SCHEME + '$' + iterations + '$' + ENCODER.encodeToString(salt) + '$' + ENCODER.encodeToString(hash);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * iterations + Arrays.hashCode(salt)) + Arrays.hashCode(hash);
    }

    /** Never the hash itself: a record's default would print it into logs. */
    @Override
    public String toString() {
        return SCHEME + '$' + iterations + "$…";
    }

    private static byte[] derive(final char[] password, final byte[] salt, final int iterations, final int bytes) {
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }
}
