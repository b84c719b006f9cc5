package dev.pdm.iiot.security.tls;

import dev.pdm.iiot.security.credentials.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A development certificate authority and the broker's server certificate, made on the first start
 * of the embedded platform so that MQTT over TLS works out of the box; nothing is downloaded.
 *
 * <p>{@link #ensure} keeps what exists in the folder and makes only what is missing: the authority
 * (valid {@value #CA_YEARS} years) once, and the server certificate again only when it lacks a name
 * asked for or expires within {@link #RENEW_BEFORE}. The folder holds
 *
 * <ul>
 *   <li>{@value #CA_PEM}: the authority's certificate, for clients that take a PEM file ({@code --ca-file});</li>
 *   <li>{@value #TRUSTSTORE}: the same as a PKCS12 trust store, for Java clients and the broker's
 *       client-certificate check;</li>
 *   <li>{@value #KEYSTORE}: the server's key and chain, for the broker's TLS listener (owner only);</li>
 *   <li>{@value #CA_KEY}: the authority's key, to issue client certificates (owner only);</li>
 *   <li>{@value #PASSWORDS}: the stores' random passwords (owner only);</li>
 *   <li>{@value #CLIENTS}{@code /NAME.p12}: client certificates from {@link #issueClient}.</li>
 * </ul>
 *
 * <p>For development and evaluation only: a plant uses certificates of its own authority.
 *
 * @param dir                the folder
 * @param caPem              the authority's certificate in PEM
 * @param truststore         the authority's certificate in a PKCS12 trust store
 * @param truststorePassword its password
 * @param keystore           the server's PKCS12 key store
 * @param keystorePassword   its password (and the key's)
 */
public record DevCertificates(Path dir, Path caPem, Path truststore, String truststorePassword, Path keystore,
                              String keystorePassword) {

    public static final String CA_PEM = "ca.pem";
    public static final String TRUSTSTORE = "ca.p12";
    public static final String KEYSTORE = "server.p12";
    public static final String CA_KEY = "ca-key.p12";
    public static final String PASSWORDS = "store-passwords.properties";
    public static final String CLIENTS = "clients";
    /** Aliases of the entries in the stores. */
    public static final String CA_ALIAS = "pdm-dev-ca";
    public static final String SERVER_ALIAS = "server";
    static final int CA_YEARS = 10;
    static final Duration CA_VALIDITY = Duration.ofDays(365L * CA_YEARS + 2);
    static final Duration LEAF_VALIDITY = Duration.ofDays(2 * 365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    static final String CA_NAME = "IIoT PdM development CA";

    private static final Logger LOG = LoggerFactory.getLogger(DevCertificates.class);
    private static final Object LOCK = new Object();

    public DevCertificates {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(caPem, "caPem");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(truststorePassword, "truststorePassword");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
    }

    /**
     * The authority and server certificate in the folder, made where missing.
     *
     * @param serverNames DNS names or IP addresses the broker is reached by, besides {@code localhost},
     *                    {@code 127.0.0.1}, {@code ::1} and this host's name
     */
    public static DevCertificates ensure(final Path dir, final List<String> serverNames) {
        final List<String> names = ServerNames.of(serverNames);
        synchronized (LOCK) {
            try (FolderLock ignored = FolderLock.acquire(dir)) {
                final StorePasswords passwords = StorePasswords.load(dir.resolve(PASSWORDS));
                final Authority authority = Authority.loadOrCreate(dir, passwords);
                final Path keystore = dir.resolve(KEYSTORE);
                if (authority.created() || !usable(keystore, passwords, authority.certificate(), names)) {
                    final KeyPair keys = Issuer.newKeyPair();
                    final X509Certificate server = Issuer.server(authority.certificate(), authority.key(),
                            keys.getPublic(), names, LEAF_VALIDITY);
                    Stores.writeKey(keystore, SERVER_ALIAS, keys.getPrivate(), passwords.renew(StorePasswords.KEYSTORE),
                            server, authority.certificate());
                    LOG.info("Development server certificate for {} written to {}", names, keystore);
                }
                passwords.save();
                return new DevCertificates(dir, dir.resolve(CA_PEM), dir.resolve(TRUSTSTORE),
                        passwords.get(StorePasswords.TRUSTSTORE).orElseThrow(), keystore,
                        passwords.get(StorePasswords.KEYSTORE).orElseThrow());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the certificates folder " + dir, e);
            }
        }
    }

    /**
     * A new client certificate of the authority with this common name (an account of the credentials
     * file), written to {@value #CLIENTS}{@code /NAME.p12} with a new random password; replaces one issued
     * before.
     */
    public ClientCertificate issueClient(final String commonName) {
        if (commonName == null || !Credential.NAME.matcher(commonName).matches()) {
            throw new IllegalArgumentException("a client certificate's name must be an account name ("
                    + Credential.NAME.pattern() + "), was '" + commonName + "'");
        }
        synchronized (LOCK) {
            try (FolderLock ignored = FolderLock.acquire(dir)) {
                final StorePasswords passwords = StorePasswords.load(dir.resolve(PASSWORDS));
                final Authority authority = Authority.load(dir, passwords);
                final KeyPair keys = Issuer.newKeyPair();
                final X509Certificate client = Issuer.client(authority.certificate(), authority.key(),
                        keys.getPublic(), commonName, LEAF_VALIDITY);
                final Path file = dir.resolve(CLIENTS).resolve(commonName + ".p12");
                final String password = passwords.renew(StorePasswords.client(commonName));
                Stores.writeKey(file, ClientCertificate.ALIAS, keys.getPrivate(), password, client,
                        authority.certificate());
                passwords.save();
                LOG.info("Development client certificate for {} written to {}", commonName, file);
                return new ClientCertificate(commonName, file, password);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the certificates folder " + dir, e);
            }
        }
    }

    /** The authority's certificate. */
    public X509Certificate caCertificate() {
        return Stores.certificate(Stores.read(truststore, truststorePassword), CA_ALIAS);
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "DevCertificates[" + dir + "]";
    }

    private static boolean usable(final Path keystore, final StorePasswords passwords, final X509Certificate ca,
                                  final List<String> names) {
        if (!Files.isRegularFile(keystore) || passwords.get(StorePasswords.KEYSTORE).isEmpty()) {
            return false;
        }
        try {
            final KeyStore store = Stores.read(keystore, passwords.get(StorePasswords.KEYSTORE).get());
            final X509Certificate server = Stores.certificate(store, SERVER_ALIAS);
            server.verify(ca.getPublicKey());
            final boolean fresh = server.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
            return fresh && ServerNames.covers(server, names);
        } catch (GeneralSecurityException | RuntimeException e) {
            LOG.warn("The server key store {} cannot be used ({}); making a new one", keystore, e.getMessage());
            return false;
        }
    }

    /** The folder held by this process: closing the channel releases the lock. */
    private record FolderLock(FileChannel channel) implements AutoCloseable {

        static FolderLock acquire(final Path dir) throws IOException {
            Files.createDirectories(dir);
            final FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                channel.lock();
                return new FolderLock(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The authority's certificate and key. */
    private record Authority(X509Certificate certificate, PrivateKey key, boolean created) {

        static Authority loadOrCreate(final Path dir, final StorePasswords passwords) {
            final boolean present = Files.isRegularFile(dir.resolve(CA_KEY)) && Files.isRegularFile(dir.resolve(TRUSTSTORE))
                    && Files.isRegularFile(dir.resolve(CA_PEM)) && passwords.get(StorePasswords.CA_KEY).isPresent()
                    && passwords.get(StorePasswords.TRUSTSTORE).isPresent();
            if (present) {
                return load(dir, passwords);
            }
            final KeyPair keys = Issuer.newKeyPair();
            final X509Certificate ca = Issuer.authority(keys, CA_NAME, CA_VALIDITY);
            Stores.writeKey(dir.resolve(CA_KEY), CA_ALIAS, keys.getPrivate(), passwords.renew(StorePasswords.CA_KEY), ca);
            Stores.writeTrust(dir.resolve(TRUSTSTORE), CA_ALIAS, ca, passwords.renew(StorePasswords.TRUSTSTORE));
            Stores.writePem(dir.resolve(CA_PEM), ca);
            LOG.info("Development certificate authority written to {} (valid until {})", dir, ca.getNotAfter().toInstant());
            return new Authority(ca, keys.getPrivate(), true);
        }

        static Authority load(final Path dir, final StorePasswords passwords) {
            final String password = passwords.get(StorePasswords.CA_KEY).orElseThrow(() -> new IllegalStateException(
                    "no development certificate authority in " + dir + ": call DevCertificates.ensure first"));
            final KeyStore store = Stores.read(dir.resolve(CA_KEY), password);
            return new Authority(Stores.certificate(store, CA_ALIAS), Stores.key(store, CA_ALIAS, password), false);
        }
    }
}
