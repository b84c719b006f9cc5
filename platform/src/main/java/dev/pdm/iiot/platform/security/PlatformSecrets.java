package dev.pdm.iiot.platform.security;

import dev.pdm.iiot.security.tls.DevCertificates;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What one start of the embedded platform needs to be secure: the credentials files, the broker's
 * certificates, and the service passwords of this start. {@link #toString()} names no secret.
 *
 * @param peopleFile         the web apps' accounts
 * @param devicesFile        the MQTT accounts
 * @param tls                the development certificate authority and the broker's certificate
 * @param firstAdminPassword the password of the account made on the first start, to be shown once
 * @param dashboardPassword  the dashboard's password on the detector
 * @param simulatorPassword  the simulated plant's MQTT password
 * @param connectPassword    the Connect worker's MQTT password
 * @param sessionKey         the dashboard's session cookie key
 */
public record PlatformSecrets(Path peopleFile, Path devicesFile, DevCertificates tls, Optional<String> firstAdminPassword,
                              String dashboardPassword, String simulatorPassword, String connectPassword,
                              String sessionKey) {

    @Override
    public String toString() {
        return "PlatformSecrets[people=" + peopleFile + ", devices=" + devicesFile + ", tls=" + tls.dir() + "]";
    }
}
