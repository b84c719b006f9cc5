package dev.pdm.iiot.dashboard.detector;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one URL path segment (RFC 3986: unreserved characters, {@code :} and {@code @} stay). */
final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    static String encode(final String segment) {
        final StringBuilder out = new StringBuilder(segment.length() + 8);
        for (final byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            final int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
