package dev.pdm.iiot.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The double-submit token that protects a browser session from cross-site requests: the page gets
 * it from {@code GET /api/session}, which also sets it as the {@value #COOKIE} cookie (HttpOnly,
 * SameSite=Strict), and sends it back in the {@value #HEADER} header of every state-changing
 * request. Another site can make the browser send the cookie (were SameSite not enough) but can
 * neither read it nor the session's answer, so it cannot write the header.
 */
public final class CsrfTokens {

    public static final String COOKIE = "pdm-csrf";
    public static final String HEADER = "X-CSRF-Token";

    private static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** A new random token, URL-safe Base64 of 32 bytes. */
    public static String newToken() {
        final byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a cookie's value is a token this class made (and not something else to reuse). */
    public static boolean wellFormed(final String token) {
        return token != null && FORM.matcher(token).matches();
    }

    /** Whether the header repeats the cookie, compared in constant time. */
    public static boolean matches(final String cookie, final String header) {
        return wellFormed(cookie) && header != null && MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.US_ASCII), header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
