package dev.pdm.iiot.security.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The names a development server certificate is valid for: loopback, this host, and the names asked for. */
final class ServerNames {

    /** A DNS name: letters, digits and hyphens in dot-separated labels, optionally a leading wildcard label. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");
    /** subjectAltName types of X.509 (RFC 5280): dNSName and iPAddress. */
    private static final int DNS = 2;
    private static final int IP = 7;

    private ServerNames() {
    }

    /**
     * {@code localhost}, {@code 127.0.0.1}, {@code ::1}, this host's name (when it has a usable one) and
     * the given names, each once, in that order.
     *
     * @throws IllegalArgumentException for a name that is neither a DNS name nor an IP address
     */
    static List<String> of(final Collection<String> asked) {
        final Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        hostName().ifPresent(names::add);
        for (final String name : asked) {
            final String trimmed = name.strip();
            if (!isIpAddress(trimmed) && !DNS_NAME.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("'" + name + "' is neither a DNS name nor an IP address");
            }
            names.add(isIpAddress(trimmed) ? trimmed : trimmed.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(names);
    }

    static boolean isIpAddress(final String name) {
        return IPV4.matcher(name).matches() || IPV6.matcher(name).matches();
    }

    /** Whether the certificate names every one of these (its subject alternative names, exactly). */
    static boolean covers(final X509Certificate certificate, final Collection<String> names) {
        final Collection<List<?>> alternatives;
        try {
            alternatives = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (alternatives == null) {
            return false;
        }
        final List<String> dns = new ArrayList<>();
        final List<InetAddress> ips = new ArrayList<>();
        for (final List<?> alternative : alternatives) {
            final int type = (Integer) alternative.get(0);
            if (type == DNS) {
                dns.add(((String) alternative.get(1)).toLowerCase(Locale.ROOT));
            } else if (type == IP) {
                address((String) alternative.get(1)).ifPresent(ips::add);
            }
        }
        for (final String name : names) {
            final boolean named = isIpAddress(name) ? address(name).map(ips::contains).orElse(false)
                    : dns.contains(name.toLowerCase(Locale.ROOT));
            if (!named) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> hostName() {
        try {
            final String host = InetAddress.getLocalHost().getHostName();
            return DNS_NAME.matcher(host).matches() ? Optional.of(host.toLowerCase(Locale.ROOT))
                    : Optional.empty();
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The literal address (never a lookup: the text is an IP literal). */
    private static Optional<InetAddress> address(final String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
