package dev.pdm.iiot.notifier.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pdm.iiot.security.credentials.Credential;
import dev.pdm.iiot.security.credentials.Credentials;
import dev.pdm.iiot.security.credentials.CredentialsFile;
import dev.pdm.iiot.security.credentials.PasswordHash;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifier's real neighbours, in this JVM: PostgreSQL (zonky's embedded server, its binaries
 * from the jar), an SMTP server (GreenMail), an HTTP server for the webhooks, a users file; and the
 * rules the tests exercise. Kafka comes from local-stack's {@code LocalStackResource}.
 */
public final class NotifierTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String VIEWER = "vera";
    public static final String DASHBOARD = "http://dashboard.test:8080";

    private static volatile EmbeddedPostgres postgres;
    private static final int SMTP_CLIENT_TIMEOUT_MILLIS = 5_000;
    private static volatile GreenMail mail;
    private static volatile WebhookServer webhooks;

    public static GreenMail mail() {
        return mail;
    }

    public static WebhookServer webhooks() {
        return webhooks;
    }

    public static String password(final String user) {
        return user + "-test-password";
    }

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
            mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            mail.start();
            // now and then a connection of the Vert.x mail client stalls until GreenMail gives up on it
            // and answers 421; the notifier retries that mail at its backoff (see Mails#awaitReceived).
            // The client sends its commands at once, so GreenMail gives up after seconds, not 30 s.
            mail.getSmtp().setClientSocketTimeout(SMTP_CLIENT_TIMEOUT_MILLIS);
            webhooks = new WebhookServer();
            final Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"));
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "");
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", Integer.toString(mail.getSmtp().getPort()));
            config.put("quarkus.mailer.from", "notifier@plant.test");
            config.put("pdm.security.users-file", usersFile().toString());
            config.put("notifier.dashboard-url", DASHBOARD);
            config.put("notifier.max-alert-age", "P1D");
            config.put("notifier.delivery.tick", "PT1S");
            config.put("notifier.delivery.max-attempts", "4");
            config.put("notifier.delivery.initial-backoff", "PT1M");
            config.put("notifier.delivery.max-backoff", "PT10M");
            config.put("notifier.delivery.timeout", "PT5S");
            // the plant's CRITICAL alerts: mail and webhook, resolved told, escalated after 15 minutes
            config.put("notifier.rules.plant.machines", "MAIL_.*");
            config.put("notifier.rules.plant.min-severity", "CRITICAL");
            config.put("notifier.rules.plant.recipients", "mail:ops@plant.test,webhook:" + webhooks.url("/hook"));
            config.put("notifier.rules.plant.silent-period", "PT30M");
            config.put("notifier.rules.plant.resolved", "true");
            config.put("notifier.rules.plant.escalation.after", "PT15M");
            config.put("notifier.rules.plant.escalation.recipients", "mail:boss@plant.test");
            // a receiver that always fails
            config.put("notifier.rules.flaky.machines", "FLAKY_.*");
            config.put("notifier.rules.flaky.recipients", "webhook:" + webhooks.url("/fail"));
            // the presses' group to a chat
            config.put("notifier.groups.presses", "PRESS_.*");
            config.put("notifier.rules.presses.groups", "presses");
            config.put("notifier.rules.presses.recipients", "chat:" + webhooks.url("/chat"));
            // an hourly digest
            config.put("notifier.rules.hourly.machines", "DIGEST_.*");
            config.put("notifier.rules.hourly.digest", "PT1H");
            config.put("notifier.rules.hourly.recipients", "mail:digest@plant.test");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path usersFile() throws IOException {
        final Path file = Files.createTempDirectory("notifier-users-").resolve("users");
        CredentialsFile.write(file, Credentials.of(List.of(new Credential(VIEWER, Set.of("viewer"),
                PasswordHash.of(password(VIEWER).toCharArray(), PasswordHash.MIN_ITERATIONS)))));
        return file;
    }

    @Override
    public void stop() {
        if (webhooks != null) {
            webhooks.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
