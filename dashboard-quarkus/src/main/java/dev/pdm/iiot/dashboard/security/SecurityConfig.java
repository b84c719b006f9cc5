package dev.pdm.iiot.dashboard.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Where the accounts come from ({@code pdm.security.*}, the same keys in the detector). OIDC is
 * Quarkus' own {@code quarkus.oidc.*}; see the module README.
 */
@ConfigMapping(prefix = "pdm.security")
public interface SecurityConfig {

    /**
     * The users file: {@code NAME:ROLE,ROLE:HASH} per line (the security module's
     * {@code CredentialsFile}), read again when it changes. None: nobody signs in with a password.
     */
    Optional<String> usersFile();

    /**
     * How a browser without a session signs in to the page: {@code form} (the login page over the
     * users file) or {@code code} (OIDC's code flow, with {@code quarkus.oidc.tenant-enabled=true}).
     * application.properties gives it to the page's permission; HTTP Basic works beside either.
     */
    @WithDefault("form")
    String pageLogin();
}
