package dev.pdm.iiot.detector.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.build.Jwt;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An OpenID provider's signing key for tests, without a provider: the app under test verifies
 * bearer tokens with its public key ({@code quarkus.oidc.public-key}, as it would with Keycloak's
 * published keys), and the test signs tokens shaped like Keycloak's (realm roles in
 * {@code realm_access/roles}, the name in {@code preferred_username}) with its private key. As a
 * test profile it switches OIDC on.
 *
 * <p>The key pair lives in system properties: the profile is read by JUnit's class loader and the
 * tests run in Quarkus', so a static field would hold two different pairs.
 */
public final class TestIssuer implements QuarkusTestProfile {

    public static final String ISSUER = "https://keycloak.test/realms/pdm";
    private static final String PRIVATE = "test.oidc.private-key";
    private static final String PUBLIC = "test.oidc.public-key";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.public-key", publicKey(),
                "quarkus.oidc.token.issuer", ISSUER);
    }

    /** A token of the user with these realm roles, valid for five minutes. */
    public static String token(final String user, final String... roles) {
        return Jwt.issuer(ISSUER).subject("id-" + user).claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300))
                .sign(privateKey());
    }

    /** A token that expired ten minutes ago. */
    public static String expiredToken(final String user, final String... roles) {
        return Jwt.issuer(ISSUER).subject("id-" + user).claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(Instant.now().minusSeconds(1200)).expiresAt(Instant.now().minusSeconds(600))
                .sign(privateKey());
    }

    /** A token signed by a key the app does not trust. */
    public static String forgedToken(final String user, final String... roles) {
        return Jwt.issuer(ISSUER).subject("id-" + user).claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expiresAt(Instant.now().plusSeconds(300))
                .sign(newPair().getPrivate());
    }

    static synchronized String publicKey() {
        ensurePair();
        return System.getProperty(PUBLIC);
    }

    static synchronized PrivateKey privateKey() {
        ensurePair();
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(System.getProperty(PRIVATE))));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensurePair() {
        if (System.getProperty(PRIVATE) == null) {
            final KeyPair pair = newPair();
            System.setProperty(PRIVATE, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            System.setProperty(PUBLIC, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        }
    }

    private static KeyPair newPair() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
