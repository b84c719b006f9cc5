package dev.pdm.iiot.notifier.config;

import dev.pdm.iiot.events.model.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notifier's settings ({@code notifier.*}); Kafka, PostgreSQL and SMTP are configured by
 * {@code kafka.*}, {@code quarkus.datasource.*} and {@code quarkus.mailer.*}. Every default is
 * documented in the module's README.
 */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

    /** The dashboard, for the link to the alert in every notification. */
    @WithDefault("http://localhost:8080")
    URI dashboardUrl();

    /**
     * Alerts older than this (their timestamp against the clock) notify nobody: a notifier that
     * starts on a topic with a long history does not send its past. Acks and clears still cancel
     * escalations.
     */
    @WithDefault("PT1H")
    Duration maxAlertAge();

    /** Peer groups: a regular expression of machine ids per group name (as the detector's). */
    Map<String, String> groups();

    /** The rules, by name. */
    Map<String, Rule> rules();

    Delivery delivery();

    /** Which alerts a rule matches and whom it tells. */
    interface Rule {
        /** A regular expression that the whole machine id matches. */
        @WithDefault(".*")
        String machines();

        /** Peer groups ({@code notifier.groups.*}); none: machines decides alone. */
        Optional<List<String>> groups();

        /** Alert types; none: every type. */
        Optional<List<String>> types();

        /** The least severity (the alert's peak) that notifies. */
        @WithDefault("WARNING")
        Severity minSeverity();

        /** {@code mail:ADDRESS}, {@code webhook:URL} or {@code chat:URL}. */
        List<String> recipients();

        /** After a raise, further raises of the machine and type send nothing for this long. */
        @WithDefault("PT30M")
        Duration silentPeriod();

        /** Also tell the recipients when the alert clears. */
        @WithDefault("false")
        boolean resolved();

        /** Collect into one message per period instead of one per episode. */
        Optional<Duration> digest();

        Escalation escalation();
    }

    /** An unacknowledged CRITICAL alert told again, to others, after a while. */
    interface Escalation {
        /** How long the alert may stay unacknowledged; none: no escalation. */
        Optional<Duration> after();

        /** Whom to tell then, as {@link Rule#recipients()}. */
        Optional<List<String>> recipients();
    }

    /** Sending: the tick, retries and their backoff. */
    interface Delivery {
        /** How often due notifications are claimed and sent. */
        @WithDefault("PT5S")
        Duration tick();

        /** Notifications claimed per tick. */
        @WithDefault("50")
        int batchSize();

        /** Attempts before a notification is given up as FAILED. */
        @WithDefault("6")
        int maxAttempts();

        /** The wait after the first failed attempt; doubled after each further one. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        /** The longest wait between attempts. */
        @WithDefault("PT30M")
        Duration maxBackoff();

        /** A claimed notification not reported sent or failed within this is claimed again. */
        @WithDefault("PT2M")
        Duration lease();

        /** Timeout of one webhook call, connection included. */
        @WithDefault("PT10S")
        Duration timeout();
    }
}
