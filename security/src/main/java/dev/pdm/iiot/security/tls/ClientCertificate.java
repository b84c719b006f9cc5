package dev.pdm.iiot.security.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A client certificate of the development authority for a device that authenticates with it instead
 * of a password: a PKCS12 key store holding its private key and the chain (its certificate, then the
 * authority's).
 *
 * @param commonName the certificate's CN: the account it authenticates as
 * @param keystore   the PKCS12 file
 * @param password   the key store's password (and its key's)
 */
public record ClientCertificate(String commonName, Path keystore, String password) {

    /** The alias of the key entry in {@link #keystore()}. */
    public static final String ALIAS = "client";

    public ClientCertificate {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "ClientCertificate[" + commonName + ", " + keystore + "]";
    }
}
