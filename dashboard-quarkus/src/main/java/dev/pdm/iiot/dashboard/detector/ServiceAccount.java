package dev.pdm.iiot.dashboard.detector;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The account the dashboard signs in to the detector with (HTTP Basic). The detector honours the
 * {@value #ON_BEHALF_OF} header, which names the dashboard's own signed-in user, only from an
 * account with its role {@code delegate}, and records that user in the command.
 */
public final class ServiceAccount {

    /** The detector's header for the user a delegate acts for. */
    public static final String ON_BEHALF_OF = "X-On-Behalf-Of";

    private final String username;
    private final String authorization;

    private ServiceAccount(final String username, final String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (username + ':' + Objects.requireNonNull(password, "password")).getBytes(StandardCharsets.UTF_8));
    }

    /** The account when both name and password are configured; a name without a password is an error. */
    public static Optional<ServiceAccount> of(final Optional<String> username, final Optional<String> password) {
        if (username.filter(u -> !u.isBlank()).isEmpty()) {
            return Optional.empty();
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("dashboard.detector.username is set but dashboard.detector.password is "
                    + "not (DASHBOARD_DETECTOR_PASSWORD)");
        }
        return Optional.of(new ServiceAccount(username.get().strip(), password.get()));
    }

    public String username() {
        return username;
    }

    /** The {@code Authorization} header's value. */
    String authorization() {
        return authorization;
    }

    /** The name only: the password stays out of logs. */
    @Override
    public String toString() {
        return "ServiceAccount[" + username + "]";
    }
}
