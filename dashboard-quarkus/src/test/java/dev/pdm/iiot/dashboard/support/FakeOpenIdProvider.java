package dev.pdm.iiot.dashboard.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenID provider shaped like a Keycloak realm, small enough for a test: discovery, its signing
 * key (JWKS) and a token endpoint that signs RS256 ID and access tokens with realm roles in
 * {@code realm_access/roles}. There is no login page: the test plays the browser coming back from
 * it, with a code that names the user and their roles ({@code olga.operator}). Switches the
 * dashboard's OIDC on, the page signing in with the code flow.
 */
public final class FakeOpenIdProvider implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "dashboard";
    private static final String KEY_ID = "test-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private KeyPair keys;
    private String issuer;

    @Override
    public Map<String, String> start() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/pdm";
        server.createContext("/realms/pdm/.well-known/openid-configuration", exchange -> answer(exchange, Map.of(
                "issuer", issuer,
                "authorization_endpoint", issuer + "/protocol/openid-connect/auth",
                "token_endpoint", issuer + "/protocol/openid-connect/token",
                "jwks_uri", issuer + "/protocol/openid-connect/certs",
                "end_session_endpoint", issuer + "/protocol/openid-connect/logout")));
        server.createContext("/realms/pdm/protocol/openid-connect/certs", exchange -> {
            final RSAPublicKey key = (RSAPublicKey) keys.getPublic();
            answer(exchange, Map.of("keys", List.of(Map.of("kty", "RSA", "kid", KEY_ID, "use", "sig", "alg", "RS256",
                    "n", base64(unsigned(key.getModulus())), "e", base64(unsigned(key.getPublicExponent()))))));
        });
        server.createContext("/realms/pdm/protocol/openid-connect/token", exchange -> {
            final String code = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getOrDefault("code", "");
            final String[] parts = code.split("\\.");
            final String user = parts[0];
            final List<String> roles = Arrays.asList(parts).subList(1, parts.length);
            answer(exchange, Map.of("access_token", token(user, roles, "account"), "id_token", token(user, roles, CLIENT_ID),
                    "token_type", "Bearer", "expires_in", 300));
        });
        server.start();
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.credentials.secret", "a-client-secret-of-the-tests-only-0123456789",
                "pdm.security.page-login", "code");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String token(final String user, final List<String> roles, final String audience) {
        final long now = Instant.now().getEpochSecond();
        final Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "id-" + user);
        claims.put("aud", audience);
        claims.put("azp", CLIENT_ID);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("preferred_username", user);
        claims.put("realm_access", Map.of("roles", roles));
        try {
            final String signed = base64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)))
                    + '.' + base64(JSON.writeValueAsBytes(claims));
            final Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + '.' + base64(rs256.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(final HttpExchange exchange, final Object body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(final String body) {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String pair : body.split("&")) {
            final int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static byte[] unsigned(final BigInteger value) {
        final byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(final byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
