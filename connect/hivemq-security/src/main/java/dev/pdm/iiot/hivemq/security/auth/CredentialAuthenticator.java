package dev.pdm.iiot.hivemq.security.auth;

import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import dev.pdm.iiot.hivemq.security.authz.Role;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.hivemq.security.metrics.RefusalLog;
import dev.pdm.iiot.hivemq.security.metrics.SecurityMetrics;
import dev.pdm.iiot.hivemq.security.metrics.SecurityMetrics.Refusal;
import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.CredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decides who may connect, once per CONNECT:
 *
 * <ol>
 *   <li>a client certificate the TLS listener verified (when client certificates are accepted): its
 *       common name is the account, which must be in the credentials file; no password is needed, and a
 *       user name, if given, must be that account;</li>
 *   <li>a user name and password: checked against the credentials file on the extension's own small
 *       pool (a PBKDF2 check takes 0.1–0.3 s; HiveMQ's threads never wait for one), a password that
 *       passed before costs no new check ({@link CredentialStore});</li>
 *   <li>neither: refused, unless anonymous readings are allowed.</li>
 * </ol>
 *
 * A client is refused {@code BAD_USER_NAME_OR_PASSWORD} (MQTT 3: return code 4) for an unknown account
 * or a wrong password, {@code NOT_AUTHORIZED} (MQTT 3: 5) without credentials, for an account without
 * an MQTT role or a certificate of no account, and {@code SERVER_BUSY} when too many checks wait. The
 * accepted client's {@link Identity} goes into its connection's attribute store. Passwords are never
 * logged and are cleared from memory once checked.
 */
public final class CredentialAuthenticator implements SimpleAuthenticator {

    /** How long a client waits for its password check before it is refused {@code SERVER_BUSY}. */
    public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CredentialAuthenticator.class);

    private final SecurityConfig config;
    private final CredentialStore store;
    private final ExecutorService checks;
    private final SecurityMetrics metrics;
    private final RefusalLog refusals = new RefusalLog(LOG);

    public CredentialAuthenticator(final SecurityConfig config, final CredentialStore store,
                                   final ExecutorService checks, final SecurityMetrics metrics) {
        this.config = config;
        this.store = store;
        this.checks = checks;
        this.metrics = metrics;
    }

    @Override
    public void onConnect(final @NotNull SimpleAuthInput input, final @NotNull SimpleAuthOutput output) {
        final ConnectPacket connect = input.getConnectPacket();
        final ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        final Optional<String> user = connect.getUserName();
        final Optional<ByteBuffer> password = connect.getPassword();
        final Optional<X509Certificate> certificate = !config.clientCertificates() ? Optional.empty()
                : input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        if (certificate.isPresent()) {
            byCertificate(certificate.get(), user, attributes, output);
        } else if (user.isEmpty() && password.isEmpty()) {
            if (config.anonymousReadings()) {
                accept(Identity.anonymous(), attributes, output);
            } else {
                refuse(output, Refusal.NOT_AUTHORIZED, "anonymous", "an anonymous client",
                        "connect with a user name and password");
            }
        } else if (user.isEmpty() || password.isEmpty()) {
            refuse(output, Refusal.BAD_CREDENTIALS, RefusalLog.printable(user.orElse(null)),
                    "a client with a user name but no password or the other way round",
                    "a user name and a password are needed");
        } else {
            byPassword(user.get(), chars(password.get()), attributes, output);
        }
    }

    private void byCertificate(final X509Certificate certificate, final Optional<String> user,
                               final ConnectionAttributeStore attributes, final SimpleAuthOutput output) {
        final Optional<String> name = CommonName.of(certificate);
        final Optional<Credential> account = name.flatMap(cn -> store.credentials().find(cn));
        if (account.isEmpty()) {
            refuse(output, Refusal.NOT_AUTHORIZED, RefusalLog.printable(name.orElse(null)),
                    "a client certificate of no account", "the certificate's common name is no account");
        } else if (user.isPresent() && !user.get().equals(account.get().name())) {
            refuse(output, Refusal.NOT_AUTHORIZED, account.get().name(), "a client certificate with another user name",
                    "the user name is not the certificate's account");
        } else {
            withRoles(account.get(), Identity.Method.CERTIFICATE, attributes, output);
        }
    }

    private void byPassword(final String user, final char[] password, final ConnectionAttributeStore attributes,
                            final SimpleAuthOutput output) {
        final Async<SimpleAuthOutput> async = output.async(CHECK_TIMEOUT, TimeoutFallback.FAILURE,
                ConnackReasonCode.SERVER_BUSY, "the password check took too long, try again");
        metrics.checking();
        try {
            checks.execute(() -> {
                try {
                    final Optional<Credential> account = store.authenticate(user, password);
                    if (async.getStatus() != Async.Status.RUNNING) {
                        return;
                    }
                    if (account.isPresent()) {
                        withRoles(account.get(), Identity.Method.PASSWORD, attributes, async.getOutput());
                    } else {
                        refuse(async.getOutput(), Refusal.BAD_CREDENTIALS, RefusalLog.printable(user),
                                "an unknown account or a wrong password", "bad user name or password");
                    }
                } catch (RuntimeException e) {
                    LOG.error("Checking the password of {} failed; refusing it", RefusalLog.printable(user), e);
                    refuse(async.getOutput(), Refusal.BUSY, RefusalLog.printable(user), "a failed password check",
                            "the password could not be checked, try again");
                } finally {
                    Arrays.fill(password, '\0');
                    metrics.checked();
                    resume(async);
                }
            });
        } catch (RejectedExecutionException e) {
            Arrays.fill(password, '\0');
            metrics.checked();
            refuse(output, Refusal.BUSY, RefusalLog.printable(user), "too many password checks waiting",
                    "the broker is busy checking passwords, try again");
            resume(async);
        }
    }

    /** Hands the decision to HiveMQ, unless it gave up waiting (the client was refused {@code SERVER_BUSY}). */
    private static void resume(final Async<SimpleAuthOutput> async) {
        if (async.getStatus() == Async.Status.RUNNING) {
            try {
                async.resume();
            } catch (RuntimeException timedOutMeanwhile) {
                LOG.debug("A password check finished after its client's timeout", timedOutMeanwhile);
            }
        }
    }

    private void withRoles(final Credential account, final Identity.Method method,
                           final ConnectionAttributeStore attributes, final SimpleAuthOutput output) {
        final Set<Role> roles = Role.of(account.roles());
        if (roles.isEmpty()) {
            refuse(output, Refusal.NOT_AUTHORIZED, account.name(), "an account without an MQTT role",
                    "the account has no MQTT role");
            return;
        }
        accept(new Identity(account.name(), roles, method), attributes, output);
    }

    private void accept(final Identity identity, final ConnectionAttributeStore attributes,
                        final SimpleAuthOutput output) {
        identity.storeIn(attributes);
        metrics.accepted(identity.method());
        LOG.debug("{} connected ({}, roles {})", identity.account(), identity.method(), identity.roles());
        output.authenticateSuccessfully();
    }

    private void refuse(final SimpleAuthOutput output, final Refusal refusal, final String account, final String what,
                        final String reason) {
        metrics.refused(refusal);
        refusals.refused(refusal.name(), account, "Refused {} ({}): {}", what, account, reason);
        output.failAuthentication(switch (refusal) {
            case BAD_CREDENTIALS -> ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED -> ConnackReasonCode.NOT_AUTHORIZED;
            case BUSY -> ConnackReasonCode.SERVER_BUSY;
        }, reason);
    }

    private static char[] chars(final ByteBuffer password) {
        final CharBuffer decoded = StandardCharsets.UTF_8.decode(password.asReadOnlyBuffer());
        final char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return chars;
    }
}
