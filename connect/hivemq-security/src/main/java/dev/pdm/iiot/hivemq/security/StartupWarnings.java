package dev.pdm.iiot.hivemq.security;

import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.security.credentials.CredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** What an operator must know about the settings the extension starts with, said once at start. */
final class StartupWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityMain.class);
    private static final Set<PosixFilePermission> OTHERS_READ = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private StartupWarnings() {
    }

    static void log(final SecurityConfig config, final CredentialStore store) {
        if (config.anonymousReadings()) {
            LOG.warn("""

                    #############################################################################
                    # ANONYMOUS READINGS ARE ALLOWED (anonymous.readings=true): any client that #
                    # reaches this broker may connect without credentials and publish readings  #
                    # for ANY machine. Meant only for devices that cannot be given credentials; #
                    # turn it off as soon as they can. Anonymous clients may not subscribe.     #
                    #############################################################################""");
        }
        if (store.credentials().isEmpty()) {
            LOG.warn("The credentials file {} has no accounts: every client that is not anonymous is refused until "
                    + "accounts are added (the file is read again when it changes)", config.credentialsFile());
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(config.credentialsFile());
                permissions.retainAll(OTHERS_READ);
                if (!permissions.isEmpty()) {
                    LOG.warn("The credentials file {} is readable by other users than its owner: its password hashes "
                            + "could be guessed offline; make it readable by the broker's user only (chmod 600)",
                            config.credentialsFile());
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot read the permissions of {}", config.credentialsFile(), e);
        }
    }
}
