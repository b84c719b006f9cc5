package dev.pdm.iiot.detector.security;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Where the accounts come from ({@code pdm.security.*}, the same keys in the dashboard). OIDC is
 * Quarkus' own {@code quarkus.oidc.*}; see the module README.
 */
@ConfigMapping(prefix = "pdm.security")
public interface SecurityConfig {

    /**
     * The users file: {@code NAME:ROLE,ROLE:HASH} per line (the security module's
     * {@code CredentialsFile}), read again when it changes. None: nobody signs in with a password.
     */
    Optional<String> usersFile();
}
