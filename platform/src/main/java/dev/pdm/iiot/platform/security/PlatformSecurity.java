package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.cli.Accounts;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.tls.DevCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded platform's credentials and certificates, in its data folder's {@code security/}
 * (readable by its owner only):
 * <ul>
 *   <li>{@value #PEOPLE}: the people of the web apps; the first start creates {@value #ADMIN}, an
 *       engineer, with a generated password that is printed once and stored only as its hash;</li>
 *   <li>{@value #DEVICES}: the MQTT accounts; devices are added with the credentials command;</li>
 *   <li>{@value #TLS}{@code /}: a development certificate authority and the broker's certificate;</li>
 *   <li>{@value #SESSION_KEY}: the key of the dashboard's session cookie, so that a sign-in outlives a
 *       restart.</li>
 * </ul>
 * The platform's own services (the simulator, the Connect worker's MQTT connectors, the dashboard's
 * account on the detector) get a new random password at every start: it lives in memory and in the
 * environment of the processes that need it, never in a file.
 */
public final class PlatformSecurity {

    public static final String PEOPLE = "users";
    public static final String DEVICES = "mqtt-credentials";
    public static final String TLS = "tls";
    public static final String SESSION_KEY = "session-key";
    /** The first person's account. */
    public static final String ADMIN = "admin";
    /** The simulated plant's MQTT account: a gateway publishing for every machine. */
    public static final String SIMULATOR = "platform-simulator";
    /** The Connect worker's MQTT account (the alert sink; the readings source when it bridges). */
    public static final String CONNECT = "connect";
    /** The dashboard's account on the detector, acting for the person signed in. */
    public static final String DASHBOARD = "dashboard";

    static final Set<String> ADMIN_ROLES = Set.of("engineer");
    static final Set<String> DASHBOARD_ROLES = Set.of("delegate", "operator");

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSecurity.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlatformSecurity() {
    }

    /** The folder's files, made where missing, and this start's service passwords. */
    public static PlatformSecrets prepare(final Path dir) {
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the security folder " + dir, e);
        }
        final Path people = dir.resolve(PEOPLE);
        final Optional<String> firstAdmin = CredentialsFile.readIfExists(people).isEmpty()
                ? Optional.of(Accounts.add(people, ADMIN, ADMIN_ROLES))
                : Optional.empty();
        final String dashboard = servicePassword(people, DASHBOARD, DASHBOARD_ROLES);
        final Path devices = dir.resolve(DEVICES);
        final String simulator = servicePassword(devices, SIMULATOR, Set.of("gateway"));
        final String connect = servicePassword(devices, CONNECT, Set.of("connect"));
        final DevCertificates tls = DevCertificates.ensure(dir.resolve(TLS), List.of());
        firstAdmin.ifPresent(ignored -> LOG.info("created the account {} in {}", ADMIN, people));
        return new PlatformSecrets(people, devices, tls, firstAdmin, dashboard, simulator, connect,
                sessionKey(dir.resolve(SESSION_KEY)));
    }

    /**
     * A new password for the service account {@code name} of {@code file}: the account is created
     * with {@code roles} when missing. The password is returned, only its hash is stored.
     */
    public static String servicePassword(final Path file, final String name, final Set<String> roles) {
        final boolean exists = CredentialsFile.readIfExists(file).find(name).isPresent();
        return exists ? Accounts.rotate(file, name) : Accounts.add(file, name, roles);
    }

    private static String sessionKey(final Path file) {
        try {
            if (!Files.exists(file)) {
                final byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                Files.writeString(file, Base64.getEncoder().withoutPadding().encodeToString(key), StandardCharsets.US_ASCII);
                ownerOnly(file, "rw-------");
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the session key " + file, e);
        }
    }

    private static void ownerOnly(final Path path, final String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
