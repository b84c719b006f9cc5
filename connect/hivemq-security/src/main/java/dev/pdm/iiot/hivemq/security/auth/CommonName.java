package dev.pdm.iiot.hivemq.security.auth;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The common name (CN) of a certificate's subject: the account a client certificate authenticates. */
final class CommonName {

    private CommonName() {
    }

    /** The subject's most specific CN, or empty when it has none (or more than one at that level). */
    static Optional<String> of(final X509Certificate certificate) {
        try {
            final List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                final Rdn rdn = rdns.get(i);
                if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.toAttributes().size() == 1) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
