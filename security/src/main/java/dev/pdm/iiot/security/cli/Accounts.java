package dev.pdm.iiot.security.cli;

import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.credentials.PasswordHash;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Adds, changes and removes the accounts of a credentials file: what the credentials command does,
 * for code that manages accounts itself (the platform making its services' accounts on first start).
 * Every change rewrites the file in one step ({@link CredentialsFile#write}); a server reading it
 * ({@code CredentialStore}) picks the change up within seconds.
 */
public final class Accounts {

    /** The shortest password an account may be given. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Characters of a generated password: letters and digits but those easily mistaken for one another. */
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    /** 24 of 57 characters: 140 random bits. */
    private static final int GENERATED_LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Accounts() {
    }

    /**
     * Adds an account with a generated password.
     *
     * @return the password, which is stored only as its hash: hand it over now
     * @throws IllegalArgumentException if the account exists, or for a bad name or role
     */
    public static String add(final Path file, final String name, final Set<String> roles) {
        final char[] password = generatePassword();
        final String shown = new String(password);
        add(file, name, roles, password);
        return shown;
    }

    /**
     * Adds an account with this password (at least {@value #MIN_PASSWORD_LENGTH} characters); the array is
     * cleared once hashed.
     */
    public static synchronized void add(final Path file, final String name, final Set<String> roles,
                                        final char[] password) {
        final Credentials accounts = CredentialsFile.readIfExists(file);
        if (accounts.find(name).isPresent()) {
            throw new IllegalArgumentException("the account " + name + " exists already; change its password with "
                    + "passwd, or remove it first");
        }
        CredentialsFile.write(file, accounts.with(new Credential(name, roles, hash(password))));
    }

    /**
     * Gives an account a new generated password; the old one stops working once servers re-read the file.
     *
     * @return the new password
     * @throws IllegalArgumentException if there is no such account
     */
    public static String rotate(final Path file, final String name) {
        final char[] password = generatePassword();
        final String shown = new String(password);
        setPassword(file, name, password);
        return shown;
    }

    /** Gives an account this password (at least {@value #MIN_PASSWORD_LENGTH} characters); the array is cleared once hashed. */
    public static synchronized void setPassword(final Path file, final String name, final char[] password) {
        final Credentials accounts = CredentialsFile.readIfExists(file);
        final Credential account = accounts.find(name).orElseThrow(() -> unknown(name, file));
        CredentialsFile.write(file, accounts.with(new Credential(name, account.roles(), hash(password))));
    }

    /** Removes an account; false if there was none of that name. */
    public static synchronized boolean remove(final Path file, final String name) {
        final Credentials accounts = CredentialsFile.readIfExists(file);
        if (accounts.find(name).isEmpty()) {
            return false;
        }
        CredentialsFile.write(file, accounts.without(name));
        return true;
    }

    /** The accounts by name, with their roles. */
    public static List<Account> list(final Path file) {
        return CredentialsFile.readIfExists(file).all().stream()
                .map(account -> new Account(account.name(), account.roles()))
                .sorted(Comparator.comparing(Account::name))
                .toList();
    }

    /** A random password of {@value #GENERATED_LENGTH} letters and digits. */
    public static char[] generatePassword() {
        final char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return password;
    }

    private static PasswordHash hash(final char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD_LENGTH + " characters, had "
                    + password.length);
        }
        try {
            return PasswordHash.of(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static IllegalArgumentException unknown(final String name, final Path file) {
        return new IllegalArgumentException("there is no account " + name + " in " + file);
    }
}
